import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 1's sibling: a wall time the clocks skipped is refused, not shifted by an hour.
test.use({ timezoneId: "America/New_York", locale: "en-US" });

// 2025-03-09 in New York: 01:59 EST is followed by 03:00 EDT, so 02:30 never happened.
const skipped = "2025-03-09T02:30";
const explanation = /clocks moved forward/;

test("the create form refuses a time inside the daylight-saving gap and sends nothing", async ({ page }) => {
  const name = uniquePrefix("Gap");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  const date = page.getByLabel("Date", { exact: true });
  await date.fill(skipped);
  let sent = false;
  page.on("request", (request) => {
    if (request.url().includes("CreateOrder")) sent = true;
  });
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(date).toHaveAccessibleDescription(explanation);
  await expect(date).toHaveAttribute("aria-invalid", "true");
  expect(sent).toBe(false);
  await expect(date).toHaveValue(skipped);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
});

test("the edit form refuses a time inside the daylight-saving gap and keeps the stored date", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("GapEdit"), { date: "2020-06-01T12:00:00Z" });
  await page.goto(`/orders/${order.uuid}`);
  const date = page.getByLabel("Date", { exact: true });
  await expect(date).toHaveValue("2020-06-01T08:00");
  await date.fill(skipped);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(date).toHaveAccessibleDescription(explanation);
  await expect(date).toHaveAttribute("aria-invalid", "true");
  expect((await api.read(order.uuid)).date).toBe("2020-06-01T12:00:00.000Z");
  // One minute after the gap is an ordinary time and saves as typed (03:30 EDT is 07:30 UTC).
  await date.fill("2025-03-09T03:30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect((await api.read(order.uuid)).date).toBe("2025-03-09T07:30:00.000Z");
});
