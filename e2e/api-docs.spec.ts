import { expect, test } from "@playwright/test";

test("the API reference lists every REST route and runs a call from the page", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Orders API/ })).toBeVisible();
  for (const route of ["/api/v1/orders", "/api/v1/orders/{uuid}", "/api/v1/orders/{uuid}:checkStatus"]) {
    await expect(page.getByText(route, { exact: true }).first()).toBeVisible();
  }

  const listOrders = page.locator("#operations-OrderService-ListOrders");
  await listOrders
    .getByRole("button", { name: /GET \/api\/v1\/orders/ })
    .first()
    .click();
  const tryItOut = listOrders.getByRole("button", { name: "Try it out" });
  if (await tryItOut.isVisible()) await tryItOut.click();
  await listOrders.getByRole("button", { name: "Execute" }).click();
  const responses = listOrders.locator(".responses-wrapper .live-responses-table");
  await expect(responses.locator("tbody .response-col_status").first()).toHaveText("200");
  await expect(responses).toContainText("ORDER_NOTIFICATION_TYPE_ENUM_OK");
});
