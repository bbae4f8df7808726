import type { Page } from "@playwright/test";
import { expect, test, uniquePrefix } from "./fixtures";
import { shot } from "./screenshot";

// Issue 23: the list's navigation, as GitHub's issue list and Stripe's dashboard have it.

const orderLinks = (page: Page) => page.getByRole("table").getByRole("link");
const minute = (index: number) => new Date(Date.UTC(2021, 0, 1) + index * 60_000).toISOString();

test("“← All orders” and the page after a delete keep filter, sort, search and page", async ({ page, api }) => {
  const prefix = uniquePrefix("Back");
  await api.createMany(
    Array.from({ length: 30 }, (_, index) => `${prefix} ${index}`),
    (index) => ({ date: minute(index) }),
  );
  await page.goto(`/?status=open&sort=name-asc&q=${prefix}`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  const listUrl = page.url();
  expect(listUrl).toContain("page=");

  await orderLinks(page).first().click();
  await page.getByRole("link", { name: "All orders" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await shot(page, "back-link-keeps-view");
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  expect(page.url()).toBe(listUrl);

  await orderLinks(page).first().click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete order" }).click();
  await expect(page.getByText(/Deleted “/)).toBeVisible();
  const after = new URL(page.url());
  expect(after.searchParams.get("status")).toBe("open");
  expect(after.searchParams.get("sort")).toBe("name-asc");
  expect(after.searchParams.get("q")).toBe(prefix);
});

test("names sort as people read them and a search ignores accents", async ({ page, api }) => {
  const prefix = uniquePrefix("Nat");
  const names = ["Zebra", "lowercase apples", "éclair", "apples", "Acme 30", "Acme 3", "Acme 29", "Café crème"];
  await api.createMany(names.map((name) => `${prefix} ${name}`));
  await page.goto(`/?sort=name-asc&q=${prefix}`);
  await shot(page, "natural-name-sort");
  await expect(orderLinks(page)).toHaveText(
    ["Acme 3", "Acme 29", "Acme 30", "apples", "Café crème", "éclair", "lowercase apples", "Zebra"].map(
      (name) => `${prefix} ${name}`,
    ),
  );
  await page.getByLabel("Search by name").fill(`${prefix} cafe`);
  await expect(orderLinks(page)).toHaveText([`${prefix} Café crème`]);
  await shot(page, "accent-folded-search");
});

test("a search is a place Back returns to, as a filter is", async ({ page, api }) => {
  const prefix = uniquePrefix("Hist");
  await api.create(`${prefix} one`);
  await page.goto("/");
  await page.getByLabel("Search by name").fill(prefix);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await page.getByRole("radio", { name: "Open" }).check();
  await expect(page).toHaveURL(/status=open/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/\\?q=${prefix}$`));
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByLabel("Search by name")).toHaveValue("");
});

test("rows per page, first and last page, all in the URL", async ({ page, api }) => {
  const prefix = uniquePrefix("Size");
  await api.createMany(
    Array.from({ length: 120 }, (_, index) => `${prefix} ${String(index).padStart(3, "0")}`),
    (index) => ({ date: minute(index) }),
  );
  await page.goto(`/?q=${prefix}`);
  await shot(page, "pagination-controls");
  await page.getByLabel("Orders per page").selectOption("50");
  await expect(page).toHaveURL(/size=50/);
  await expect(orderLinks(page)).toHaveCount(50);
  await expect(page.getByText("Page 1 of 3")).toBeVisible();

  await page.getByRole("button", { name: "Last page" }).click();
  await expect(page.getByText("Page 3 of 3")).toBeVisible();
  await expect(orderLinks(page).last()).toHaveText(`${prefix} 000`);
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 049`);
  await shot(page, "last-page");
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await expect(orderLinks(page).last()).toHaveText(`${prefix} 050`);
  await page.reload();
  await expect(page.getByText("Page 2 of 3")).toBeVisible();
  await page.getByRole("button", { name: "First page" }).click();
  await expect(page.getByText("Page 1 of 3")).toBeVisible();
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 119`);
});

test("a date range narrows the list and jumps into it", async ({ page, api }) => {
  const prefix = uniquePrefix("Range");
  await api.createMany(
    Array.from({ length: 10 }, (_, index) => `${prefix} ${index}`),
    (index) => ({ date: new Date(2021, 0, 1 + index, 12).toISOString() }),
  );
  await page.goto(`/?q=${prefix}`);
  await shot(page, "date-range-toolbar");
  await page.getByLabel("From").fill("2021-01-03");
  await page.getByLabel("To").fill("2021-01-05");
  await expect(page).toHaveURL(/from=2021-01-03&to=2021-01-05/);
  await expect(orderLinks(page)).toHaveText([`${prefix} 4`, `${prefix} 3`, `${prefix} 2`]);
  await expect(page.getByText("3 matching")).toBeVisible();
  await shot(page, "date-range");
});

test("orders created elsewhere are announced, not inserted under the pointer", async ({ page, api }) => {
  const prefix = uniquePrefix("Steady");
  await api.createMany([`${prefix} a`, `${prefix} b`, `${prefix} c`], (index) => ({ date: minute(index) }));
  await page.goto(`/?q=${prefix}`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("status")).toHaveText("Live");
  await expect(orderLinks(page)).toHaveText([`${prefix} c`, `${prefix} b`, `${prefix} a`]);
  const second = orderLinks(page).nth(1);
  const before = await second.boundingBox();

  for (const name of ["d", "e", "f"]) await api.create(`${prefix} ${name}`, { date: minute(100) });
  const announcement = page.getByRole("button", { name: "3 new orders — Show" });
  await expect(page.getByText(`${prefix} f`).or(announcement)).toBeVisible();
  await shot(page, "new-orders-announced");
  await expect(announcement).toBeVisible();
  await expect(orderLinks(page)).toHaveText([`${prefix} c`, `${prefix} b`, `${prefix} a`]);
  expect((await second.boundingBox())?.y).toBe(before?.y);

  await announcement.click();
  await expect(orderLinks(page)).toHaveCount(6);
  await expect(announcement).toHaveCount(0);
});
