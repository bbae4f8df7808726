import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 10: the edit form's saved state, the tab title, and unsaved edits.
test("a name the server trims still reads Saved, and Save goes inactive", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Trim"));
  await page.goto(`/orders/${order.uuid}`);
  const renamed = `${order.name} renamed`;
  await page.getByLabel("Name", { exact: true }).fill(`  ${renamed}  `);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(renamed);
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveAttribute("aria-disabled", "true");
  // The tab title follows the rename.
  await expect(page).toHaveTitle(`${renamed} · Orders`);
});

test("leaving with unsaved edits asks first, and staying keeps them", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Unsaved"));
  await page.goto(`/orders/${order.uuid}`);
  await page.getByLabel("Name", { exact: true }).fill(`${order.name} draft`);
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "All orders" }).click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(new RegExp(`/orders/${order.uuid}$`));
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${order.name} draft`);
});

test("Back with unsaved edits asks first; staying keeps the page and the edits", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Back"));
  // Arrive in-app, so Back is a popstate the App Router handles, not a page load.
  await page.goto(`/?q=${encodeURIComponent(order.name)}`);
  await page.getByRole("table").getByRole("link", { name: order.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: order.name })).toBeVisible();
  const draft = `${order.name} draft`;
  await page.getByLabel("Name", { exact: true }).fill(draft);

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  // The Back button's traversal, as the page sees it. (page.goBack would wait for a navigation
  // that, refused, never comes.)
  await page.evaluate(() => history.back());
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(new RegExp(`/orders/${order.uuid}$`));
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(draft);

  // Agreeing leaves, back to the list the person came from.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(/\/\?q=/);
  await expect(page.getByRole("table").getByRole("link", { name: order.name })).toBeVisible();
});
