import { expect, signedIn, test, uniquePrefix } from "./fixtures";
import type { Page } from "@playwright/test";

const orderLinks = (page: Page) => page.getByRole("table").getByRole("link");

test("pages through 120 orders with next and previous", async ({ page, api }) => {
  const prefix = uniquePrefix("Page");
  const names = Array.from({ length: 120 }, (_, index) => `${prefix} ${String(index).padStart(3, "0")}`);
  await api.createMany(names, (index) => ({ date: new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString() }));

  await page.goto(`/?q=${prefix}`);
  await expect(page.getByText("Page 1 of 5")).toBeVisible();
  await expect(orderLinks(page)).toHaveCount(25);
  // Newest date first: the last created is on top.
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 119`);

  const seen = new Set<string>();
  for (let pageNumber = 1; pageNumber <= 5; pageNumber++) {
    await expect(page.getByText(`Page ${pageNumber} of 5`)).toBeVisible();
    await expect(orderLinks(page).first()).toHaveText(
      `${prefix} ${String(119 - 25 * (pageNumber - 1)).padStart(3, "0")}`,
    );
    for (const name of await orderLinks(page).allTextContents()) seen.add(name);
    if (pageNumber < 5) await page.getByRole("button", { name: "Next" }).click();
  }
  expect(seen.size).toBe(120);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(orderLinks(page).last()).toHaveText(`${prefix} 000`);

  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText("Page 4 of 5")).toBeVisible();
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 044`);
  // Back in browser history walks the pages too.
  await page.goBack();
  await expect(page.getByText("Page 5 of 5")).toBeVisible();
});

test("Back right after Previous shows the page its URL names", async ({ page, api }) => {
  const prefix = uniquePrefix("Back");
  const names = Array.from({ length: 60 }, (_, index) => `${prefix} ${String(index).padStart(3, "0")}`);
  await api.createMany(names, (index) => ({ date: new Date(Date.UTC(2020, 0, 1) + index * 60_000).toISOString() }));
  await page.goto(`/?q=${prefix}`);
  for (const pageNumber of [2, 3]) {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(`Page ${pageNumber} of 3`)).toBeVisible();
    await expect(orderLinks(page).first()).toHaveText(`${prefix} ${String(84 - 25 * pageNumber).padStart(3, "0")}`);
  }
  const lastPage = page.url();

  // Previous, then Back before the router has taken in Previous's URL (on a busy machine that
  // can be hundreds of ms later): pressed in one go, so that this test always meets the moment.
  await page.getByRole("button", { name: "Previous" }).evaluate((button: HTMLElement) => {
    button.click();
    history.back();
  });
  await expect(page).toHaveURL(lastPage);
  await expect(page.getByText("Page 3 of 3")).toBeVisible();
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 009`);
});

test("filters by status and keeps the filter in the URL", async ({ page, api }) => {
  const prefix = uniquePrefix("Filter");
  await api.create(`${prefix} open one`);
  await api.create(`${prefix} open two`);
  await api.create(`${prefix} done one`, { completed: true });

  await page.goto(`/?q=${prefix}`);
  await expect(orderLinks(page)).toHaveCount(3);
  await page.getByRole("radio", { name: "Completed" }).check();
  await expect(orderLinks(page)).toHaveCount(1);
  await expect(orderLinks(page)).toHaveText([`${prefix} done one`]);
  await expect(page).toHaveURL(/status=completed/);

  await page.getByRole("radio", { name: "Open" }).check();
  await expect(orderLinks(page)).toHaveCount(2);
  await page.getByRole("radio", { name: "All" }).check();
  await expect(orderLinks(page)).toHaveCount(3);
});

test("searches by name as the person types", async ({ page, api }) => {
  const prefix = uniquePrefix("Search");
  await api.create(`${prefix} apples`);
  await api.create(`${prefix} pears`);

  await page.goto("/");
  await page.getByLabel("Search by name").fill(`${prefix} APP`);
  await expect(orderLinks(page)).toHaveText([`${prefix} apples`]);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));

  await page.getByLabel("Search by name").fill(`${prefix} nothing-like-this`);
  await expect(page.getByText("No orders match")).toBeVisible();
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(page.getByLabel("Search by name")).toHaveValue("");
});

test("sorts by name and by date", async ({ page, api }) => {
  const prefix = uniquePrefix("Sort");
  await api.create(`${prefix} Bravo`, { date: "2021-01-03T00:00:00Z" });
  await api.create(`${prefix} Alpha`, { date: "2021-01-01T00:00:00Z" });
  await api.create(`${prefix} Charlie`, { date: "2021-01-02T00:00:00Z" });

  await page.goto(`/?q=${prefix}`);
  await expect(orderLinks(page)).toHaveText([`${prefix} Bravo`, `${prefix} Charlie`, `${prefix} Alpha`]);
  await page.getByLabel("Sort by").selectOption({ label: "Name, A–Z" });
  await expect(orderLinks(page)).toHaveText([`${prefix} Alpha`, `${prefix} Bravo`, `${prefix} Charlie`]);
  await page.getByLabel("Sort by").selectOption({ label: "Name, Z–A" });
  await expect(orderLinks(page)).toHaveText([`${prefix} Charlie`, `${prefix} Bravo`, `${prefix} Alpha`]);
  await page.getByLabel("Sort by").selectOption({ label: "Oldest first" });
  await expect(orderLinks(page)).toHaveText([`${prefix} Alpha`, `${prefix} Charlie`, `${prefix} Bravo`]);
  await expect(page).toHaveURL(/sort=date-asc/);
});

test("a shared link restores filter, search, sort and page", async ({ page, api, browser }) => {
  const prefix = uniquePrefix("Deep");
  const names = Array.from({ length: 60 }, (_, index) => `${prefix} ${String(index).padStart(2, "0")}`);
  await api.createMany(names, (index) => ({ completed: index % 2 === 0 }));

  await page.goto("/");
  await page.getByRole("radio", { name: "Completed" }).check();
  await page.getByLabel("Search by name").fill(prefix);
  // The search is debounced: wait until it is in the URL before the next step builds on it.
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await page.getByLabel("Sort by").selectOption({ label: "Name, Z–A" });
  await expect(page).toHaveURL(/sort=name-desc/);
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 58`);
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(orderLinks(page)).toHaveCount(5);
  const rows = await orderLinks(page).allTextContents();
  expect(rows[0]).toBe(`${prefix} 08`);

  // Another tab (a colleague with the link) and a reload both see exactly this view.
  const other = await browser.newPage(signedIn);
  await other.goto(page.url());
  await expect(other.getByText("Page 2 of 2")).toBeVisible();
  await expect(other.getByRole("radio", { name: "Completed" })).toBeChecked();
  await expect(other.getByLabel("Search by name")).toHaveValue(prefix);
  await expect(other.getByLabel("Sort by")).toHaveValue("name-desc");
  await expect(other.getByRole("table").getByRole("link")).toHaveText(rows);
  await other.close();

  await page.reload();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(orderLinks(page)).toHaveText(rows);
});

test("a stale page token falls back to the first page with a notice", async ({ page, api }) => {
  const prefix = uniquePrefix("Stale");
  await api.create(`${prefix} only`);
  await page.goto(`/?q=${prefix}&page=not-a-real-token&n=3`);
  await expect(page.getByRole("status").filter({ hasText: "back on the first page" })).toBeVisible();
  await expect(orderLinks(page)).toHaveText([`${prefix} only`]);
  await expect(page).not.toHaveURL(/page=/);
});
