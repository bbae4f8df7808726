import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 5: paging by keyboard keeps focus and goes to the top of the new page.
test("Enter on Next keeps focus while loading, then lands at the top of the new page", async ({ page, api }) => {
  const prefix = uniquePrefix("Keys");
  await api.createMany(
    Array.from({ length: 30 }, (_, index) => `${prefix} ${String(index).padStart(2, "0")}`),
    (index) => ({ date: new Date(Date.UTC(2021, 0, 1) + index * 60_000).toISOString() }),
  );
  await page.goto(`/?q=${prefix}`);
  await page.route("**/api/order.OrderService/ListOrders**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const next = page.getByRole("button", { name: "Next" });
  await next.focus();
  await page.keyboard.press("Enter");
  // While the page loads, the pressed button keeps focus (it is not disabled under it).
  await expect(next).toBeFocused();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByRole("region", { name: "Order list, page 2" })).toBeFocused();
  await expect(page.getByRole("table").getByRole("link").first()).toBeInViewport();
  await expect(page.getByRole("table").getByRole("link").first()).toHaveText(`${prefix} 04`);

  // A second press works: the page did not lose focus to the body.
  await page.getByRole("button", { name: "Previous" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test("Clear search and filters hands focus to the search box", async ({ page }) => {
  await page.goto(`/?status=completed&q=${uniquePrefix("Nothing")}`);
  await page.getByRole("button", { name: "Clear search and filters" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Search by name")).toBeFocused();
  await expect(page.getByLabel("Search by name")).toHaveValue("");
});
