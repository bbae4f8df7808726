import type { Page } from "@playwright/test";
import { expect, test, uniquePrefix } from "./fixtures";
import { shot } from "./screenshot";

// Issue 23: keyboard shortcuts and sortable column headers, as GitHub's issue list has them.

const orderLinks = (page: Page) => page.getByRole("table").getByRole("link");
const minute = (index: number) => new Date(Date.UTC(2022, 0, 1) + index * 60_000).toISOString();

test("/ searches, c starts a new order, j and k move, x selects, ? lists them all", async ({ page, api }) => {
  const prefix = uniquePrefix("Keys");
  await api.createMany([`${prefix} a`, `${prefix} b`, `${prefix} c`], (index) => ({ date: minute(index) }));
  await page.goto(`/?q=${prefix}`);
  await expect(orderLinks(page)).toHaveCount(3);

  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search by name")).toBeFocused();
  await page.getByRole("heading", { level: 1, name: "Orders" }).click();
  await page.keyboard.press("c");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");

  await page.getByRole("heading", { level: 1, name: "Orders" }).click();
  await page.keyboard.press("j");
  await expect(orderLinks(page).nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(orderLinks(page).nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(orderLinks(page).nth(1)).toBeFocused();
  // No selection checkboxes on this list: x keeps the row focused rather than toggling Completed.
  await page.keyboard.press("x");
  await expect(orderLinks(page).nth(1)).toBeFocused();
  await expect(page.getByRole("checkbox", { name: `Completed: ${prefix} b` })).not.toBeChecked();

  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await shot(page, "shortcuts-dialog");
  await expect(dialog).toContainText("Search by name");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("clicking a column header sorts by it, and the header says how", async ({ page, api }) => {
  const prefix = uniquePrefix("Cols");
  await api.createMany([`${prefix} b`, `${prefix} a`, `${prefix} c`], (index) => ({ date: minute(index) }));
  await page.goto(`/?q=${prefix}`);
  await shot(page, "column-headers");
  const nameHeader = page.getByRole("columnheader", { name: "Name" });
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=name-asc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(orderLinks(page)).toHaveText([`${prefix} a`, `${prefix} b`, `${prefix} c`]);
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(orderLinks(page)).toHaveText([`${prefix} c`, `${prefix} b`, `${prefix} a`]);
  await expect(page.getByRole("columnheader", { name: "Date" })).toHaveAttribute("aria-sort", "none");
});
