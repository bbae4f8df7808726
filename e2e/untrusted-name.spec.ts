import { expect, test, uniquePrefix } from "./fixtures";

test("an order name containing markup is shown as text and never runs", async ({ page, api }) => {
  const prefix = uniquePrefix("Xss");
  const name = `${prefix} <img src=x onerror=alert(1)>`;
  const order = await api.create(name);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await page.goto(`/?q=${prefix}`);
  await expect(page.getByRole("link", { name })).toHaveText(name);
  await expect(page.locator("img[src='x']")).toHaveCount(0);

  await page.goto(`/orders/${order.uuid}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.locator("img[src='x']")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
