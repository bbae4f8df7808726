import { expect, test, uniquePrefix } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

// Issue 10, item 1: a date typed digit by digit is stored exactly, in the person's zone.
test.use({ timezoneId: "America/New_York", locale: "en-US" });

/**
 * Types a date and time into a datetime-local input one key at a time, as a person does:
 * month, day, then the year digit by digit (the case that used to blank the field), then the time.
 */
async function typeDate(page: Page, input: Locator, [month, day, year, hour, minute, meridiem]: string[]) {
  await input.focus();
  // Focus lands on the first segment (the month, in en-US).
  for (const segment of [month, day, year, hour, minute]) {
    // Chromium moves to the next segment by itself once one is full (the year at 4 digits, as
    // the input's max is 9999).
    for (const digit of segment ?? "") await page.keyboard.press(digit);
  }
  await page.keyboard.press(meridiem ?? "A");
}

test("the create form stores a date typed digit by digit, not now", async ({ page, api }) => {
  const name = uniquePrefix("Typed");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const date = page.getByLabel("Date", { exact: true });
  await typeDate(page, date, ["03", "15", "2025", "02", "36", "P"]);
  await expect(date).toHaveValue("2025-03-15T14:36");
  await page.getByRole("button", { name: "Add order" }).click();

  await page.getByRole("status").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const uuid = page.url().split("/").at(-1)!;
  // 14:36 in New York in March (EDT) is 18:36 UTC.
  expect((await api.read(uuid)).date).toBe("2025-03-15T18:36:00.000Z");
});

test("the edit form stores a date typed digit by digit", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Retyped"), { date: "2020-06-01T12:00:00Z" });
  await page.goto(`/orders/${order.uuid}`);
  const date = page.getByLabel("Date", { exact: true });
  await expect(date).toHaveValue("2020-06-01T08:00");
  await typeDate(page, date, ["11", "07", "2024", "03", "02", "P"]);
  await expect(date).toHaveValue("2024-11-07T15:02");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  // 15:02 in New York in November (EST) is 20:02 UTC.
  expect((await api.read(order.uuid)).date).toBe("2024-11-07T20:02:00.000Z");
});

test("year 0001 is kept, not replaced by now", async ({ page, api }) => {
  const name = uniquePrefix("Ancient");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Date", { exact: true }).fill("0001-01-01T12:00");
  await page.getByRole("button", { name: "Add order" }).click();
  await page.getByRole("status").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const stored = await api.read(page.url().split("/").at(-1)!);
  expect(stored.date.startsWith("0001-01-01T")).toBe(true);
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("0001-01-01T12:00");
});
