import { expect, test, uniquePrefix } from "./fixtures";

test("Check status asks the fulfilment system and shows and stores its answer", async ({ page, api }) => {
  // The simulated system counts an order dated more than a day ago as fulfilled.
  const name = uniquePrefix("Check");
  const order = await api.create(name, { date: "2024-05-01T10:00:00Z" });
  await page.goto(`/orders/${order.uuid}`);
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByText("The fulfilment system reports this order as completed.")).toBeVisible();
  expect((await api.read(order.uuid)).completed).toBe(true);

  const fresh = await api.create(`${name} fresh`);
  await page.goto(`/orders/${fresh.uuid}`);
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByText("The fulfilment system reports this order as not completed yet.")).toBeVisible();
});
