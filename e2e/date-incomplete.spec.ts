import { expect, test, uniquePrefix } from "./fixtures";
import type { Page } from "@playwright/test";

// Issue 10, item 2: an incomplete date is refused beside the field, in both forms alike.
test.use({ timezoneId: "Europe/Berlin", locale: "en-US" });

/** Empties one segment (the day) of the focused datetime-local input: the date is then incomplete. */
async function clearDaySegment(page: Page) {
  await page.getByLabel("Date", { exact: true }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Backspace");
}

test("the create form refuses an incomplete date and sends nothing", async ({ page }) => {
  const name = uniquePrefix("Incomplete");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await clearDaySegment(page);
  let sent = false;
  page.on("request", (request) => {
    if (request.url().includes("CreateOrder")) sent = true;
  });
  await page.getByRole("button", { name: "Add order" }).click();
  const date = page.getByLabel("Date", { exact: true });
  await expect(date).toHaveAccessibleDescription("Enter a complete date and time.");
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await expect(date).toBeFocused();
  expect(sent).toBe(false);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
});

test("the edit form refuses the same input with the same words", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("IncompleteEdit"), { date: "2021-01-01T09:00:00Z" });
  await page.goto(`/orders/${order.uuid}`);
  await clearDaySegment(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  const date = page.getByLabel("Date", { exact: true });
  await expect(date).toHaveAccessibleDescription("Enter a complete date and time.");
  await expect(date).toBeFocused();
  expect((await api.read(order.uuid)).date).toBe("2021-01-01T09:00:00.000Z");
});
