import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 6: changes are announced through live regions; server errors move focus to them.
test("the result count lives in a status region, including no matches", async ({ page, api }) => {
  const prefix = uniquePrefix("Live");
  await api.create(`${prefix} one`);
  await api.create(`${prefix} two`);
  await page.goto(`/?q=${prefix}`);
  await expect(page.getByRole("status").filter({ hasText: "2 matching" })).toBeVisible();
  await page.getByLabel("Search by name").fill(`${prefix} one`);
  await expect(page.getByRole("status").filter({ hasText: "1 matching" })).toBeVisible();
  await page.getByLabel("Search by name").fill(`${prefix} none`);
  await expect(page.getByRole("status").filter({ hasText: "0 matching" })).toBeVisible();
  await expect(page.getByText("No orders match")).toBeVisible();
});

test("a server error on the edit page is announced and takes focus", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Announce"));
  await page.goto(`/orders/${order.uuid}`);
  await page.route("**/api/order.OrderService/UpdateOrder", (route) =>
    route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({ code: "aborted", message: "The order changed meanwhile; reload and try again." }),
    }),
  );
  await page.getByLabel("Name", { exact: true }).fill(`${order.name} renamed`);
  await page.getByRole("button", { name: "Save changes" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Couldn't save: This order was changed elsewhere" });
  await expect(alert).toBeVisible();
  await expect(page.locator(":focus")).toContainText("Couldn't save");
});
