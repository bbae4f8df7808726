import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 3: a deleted or vanished order reads "not found" wherever it was on screen.
test("Back after deleting an order shows it as gone, with no live buttons", async ({ page, api }) => {
  const name = uniquePrefix("Gone");
  await api.create(name);
  await page.goto(`/?q=${name}`);
  await page.getByRole("table").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete order" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted “${name}”.` })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Order not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name })).toBeHidden();
  await expect(page.getByRole("button", { name: "Delete", exact: true })).toBeHidden();
  await expect(page.getByRole("button", { name: /Mark as/ })).toBeHidden();
});

test("with the live stream down, an order deleted elsewhere turns into the not-found state on the next action", async ({
  page,
  api,
}) => {
  const order = await api.create(uniquePrefix("Vanished"));
  // Live, it would turn at once (live-updates.spec.ts); without the stream, the refused action tells.
  await page.route("**/api/order.OrderService/WatchOrders", (route) => route.abort("connectionrefused"));
  await page.goto(`/orders/${order.uuid}`);
  await api.deleteOrder({ uuid: order.uuid });
  await page.getByRole("button", { name: "Mark as completed" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Order not found" })).toBeVisible();
  await expect(page.getByText("NOT_FOUND")).toBeHidden();
});
