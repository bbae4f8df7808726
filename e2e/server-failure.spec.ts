import { expect, test, uniquePrefix } from "./fixtures";

test("a failing server is shown in words, and Try again recovers", async ({ page, api }) => {
  const prefix = uniquePrefix("Outage");
  await api.create(`${prefix} open`);
  await api.create(`${prefix} done`, { completed: true });
  await page.goto(`/?q=${prefix}`);
  await expect(page.getByRole("table").getByRole("link")).toHaveCount(2);

  await page.route("**/api/order.OrderService/ListOrders**", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ code: "unavailable", message: "The order store is unavailable; try again shortly." }),
    }),
  );
  await page.getByRole("radio", { name: "Completed" }).check();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Can't reach the server");
  await expect(alert).not.toContainText("UNAVAILABLE");

  await page.unroute("**/api/order.OrderService/ListOrders**");
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("table").getByRole("link")).toHaveText([`${prefix} done`]);
});

test("an unreachable server is named as such, and nothing typed is lost", async ({ page }) => {
  const prefix = uniquePrefix("Unreachable");
  await page.goto("/");
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  await page.getByLabel("Search by name").fill(prefix);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Can't reach the server");
  await expect(page.getByRole("main").getByRole("alert")).not.toContainText("UNKNOWN");
  await expect(page.getByLabel("Search by name")).toHaveValue(prefix);

  await page.getByLabel("Name", { exact: true }).fill(`${prefix} draft`);
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: "Couldn't add the order" })).toContainText(
    "Can't reach the server",
  );
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${prefix} draft`);

  await page.unroute("**/api/**");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("No orders match")).toBeVisible();
});
