import { UpdateOrderRequestSchema } from "@/gen/order/order_pb";
import { expect, sentMessage, test, uniquePrefix, waitForHydration } from "./fixtures";

test("toggles completed inline, and the change survives a reload", async ({ page, api }) => {
  const name = uniquePrefix("Toggle");
  await api.create(name);
  await page.goto(`/?q=${name}`);
  // A click before React has attached its handler toggles the box and is then undone by hydration.
  await waitForHydration(page);
  const toggle = page.getByRole("checkbox", { name: `Completed: ${name}` });
  await expect(toggle).not.toBeChecked();

  const saved = page.waitForResponse((response) => response.url().includes("UpdateOrder"));
  await toggle.check();
  const request = (await saved).request();
  // Only `completed` is sent: a concurrent rename elsewhere is not overwritten.
  expect(sentMessage(request, UpdateOrderRequestSchema)).toMatchObject({
    completed: true,
    updateMask: { paths: ["completed"] },
  });
  await expect(page.getByRole("status").filter({ hasText: `Marked “${name}” as completed.` })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("checkbox", { name: `Completed: ${name}` })).toBeChecked();
});

test("a toggle the server refuses rolls back and says why", async ({ page, api }) => {
  const name = uniquePrefix("Gone");
  const order = await api.create(name);
  // With the live stream down, so the deletion is learnt only from the refused toggle.
  await page.route("**/api/order.OrderService/WatchOrders", (route) => route.abort("connectionrefused"));
  await page.goto(`/?q=${name}`);
  const toggle = page.getByRole("checkbox", { name: `Completed: ${name}` });
  await expect(toggle).not.toBeChecked();

  // Someone else deletes the order while it is on this person's screen.
  await api.deleteOrder({ uuid: order.uuid });
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/order.OrderService/UpdateOrder", async (route) => {
    await held;
    await route.continue();
  });
  await toggle.click();
  // Optimistic: checked before the server has answered.
  await expect(toggle).toBeChecked();
  release();

  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText(`Couldn't mark “${name}” as completed`);
  await expect(alert).toContainText("This order was deleted or does not exist.");
  await expect(alert).not.toContainText("NOT_FOUND");
  // The optimistic tick is undone and the list refreshed to the server's truth: the order is gone.
  await expect(toggle).toHaveCount(0);
});

test("a toggle lost on the network rolls back and says the server is unreachable", async ({ page, api }) => {
  const name = uniquePrefix("Offline");
  await api.create(name, { completed: true });
  await page.goto(`/?q=${name}`);
  const toggle = page.getByRole("checkbox", { name: `Completed: ${name}` });
  await expect(toggle).toBeChecked();

  await page.route("**/api/order.OrderService/UpdateOrder", (route) => route.abort("internetdisconnected"));
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Can't reach the server");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(`as open`);
});
