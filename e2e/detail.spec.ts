import { UpdateOrderRequestSchema } from "@/gen/order/order_pb";
import { expect, sentMessage, test, uniquePrefix } from "./fixtures";

test("edits the name and date on the detail page, and the list shows it", async ({ page, api }) => {
  const name = uniquePrefix("Edit");
  const order = await api.create(name, { date: "2022-02-02T10:00:00Z" });
  await page.goto(`/?q=${name}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  const renamed = `${name} renamed`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByLabel("Date", { exact: true }).fill("2022-12-24T18:30");
  const saved = page.waitForResponse((response) => response.url().includes("UpdateOrder"));
  await page.getByRole("button", { name: "Save changes" }).click();
  const sent = sentMessage((await saved).request(), UpdateOrderRequestSchema);
  expect(sent.updateMask?.paths.toSorted()).toEqual(["date", "name"]);
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  const stored = await api.read(order.uuid);
  expect(stored.name).toBe(renamed);
  expect(stored.date).toBe(await page.evaluate(() => new Date("2022-12-24T18:30").toISOString()));

  await page.getByRole("link", { name: "All orders" }).first().click();
  await page.getByLabel("Search by name").fill(name);
  await expect(page.getByRole("table").getByRole("link")).toHaveText([renamed]);
});

test("deletes after confirmation; cancelling returns focus to Delete", async ({ page, api }) => {
  const name = uniquePrefix("Delete");
  const order = await api.create(name);
  await page.goto(`/orders/${order.uuid}`);

  const deleteButton = page.getByRole("button", { name: "Delete", exact: true });
  await deleteButton.click();
  const dialog = page.getByRole("dialog", { name: "Delete this order?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();

  await deleteButton.click();
  await dialog.getByRole("button", { name: "Delete order" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("status").filter({ hasText: `Deleted “${name}”.` })).toBeVisible();
  await page.getByLabel("Search by name").fill(name);
  await expect(page.getByText("No orders match")).toBeVisible();

  await page.goto(`/orders/${order.uuid}`);
  await expect(page.getByRole("heading", { name: "Order not found" })).toBeVisible();
});

test("an unknown or malformed order id shows the not-found page", async ({ page }) => {
  const missing = await page.goto("/orders/00000000-0000-4000-8000-000000000000");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Order not found" })).toBeVisible();
  await page.goto("/orders/not-a-uuid");
  await expect(page.getByRole("heading", { name: "Order not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to all orders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
});
