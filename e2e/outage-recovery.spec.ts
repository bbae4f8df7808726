import { listThroughOutage } from "./live-stream";
import { expect, test, uniquePrefix } from "./fixtures";
import { shot } from "./screenshot";

// Issue 23: after an outage the page recovers by itself once the live stream is back, and
// Check status neither drops focus nor moves "Last updated" when nothing changed.

test("when the server is back the list reads again: the error goes and the total returns", async ({ page, api }) => {
  await listThroughOutage(page, api, uniquePrefix("Back"));
  const main = page.getByRole("main");
  // No "Try again" pressed: the stream's return is enough.
  await expect(page.getByText("No orders match")).toBeVisible();
  await shot(page, "outage-recovered");
  await expect(main.getByRole("alert")).toHaveCount(0);
  await expect(main.getByRole("status").first()).toHaveText("0 matching");
});

test("Check status keeps keyboard focus, and a check that changed nothing leaves “Last updated”", async ({
  page,
  api,
}) => {
  // Dated now: the simulated fulfilment system reports it not completed, as it is stored.
  const order = await api.create(uniquePrefix("Steady check"));
  await page.goto(`/orders/${order.uuid}`);
  const lastUpdated = page.locator("dt", { hasText: "Last updated" }).locator("xpath=..").locator("time");
  const before = await lastUpdated.getAttribute("datetime");

  const button = page.getByRole("button", { name: "Check status" });
  await button.focus();
  // The order is read again after a check: its answer is what "Last updated" shows.
  const reread = page.waitForResponse((response) => response.url().includes("/ReadOrder"));
  await page.keyboard.press("Enter");
  await expect(page.getByText("The fulfilment system reports this order as not completed yet.")).toBeVisible();
  await shot(page, "check-status-focus");
  await expect(button).toBeFocused();
  await reread;
  expect(await lastUpdated.getAttribute("datetime")).toBe(before);
});
