import { expect, test, uniquePrefix } from "./fixtures";
import type { Page } from "@playwright/test";

// Issue 10, item 9: a slow network (2.5 s per call) loses nothing and always shows progress.
const latencyMs = 2_500;
test.setTimeout(45_000);

async function slowDown(page: Page, pattern: string) {
  await page.route(pattern, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    await route.continue().catch(() => undefined);
  });
}

test("text typed while a create is pending is kept, and Adding… ends with the create", async ({ page }) => {
  const first = uniquePrefix("Slow");
  await page.goto("/");
  await slowDown(page, "**/api/**");
  const nameInput = page.getByLabel("Name", { exact: true });
  await nameInput.fill(first);
  const created = page.waitForResponse((response) => response.url().includes("CreateOrder"));
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByRole("button", { name: "Adding…" })).toBeVisible();
  await nameInput.fill(`${first} next`);
  await created;
  // Back to "Add order" well before the list's own 2.5 s reload has finished.
  await expect(page.getByRole("button", { name: "Add order" })).toBeVisible({ timeout: 1_500 });
  await expect(nameInput).toHaveValue(`${first} next`);
});

test("opening an order shows at once that it is on the way", async ({ page, api }) => {
  const name = uniquePrefix("SlowOpen");
  await api.create(name);
  await page.goto(`/?q=${name}`);
  await slowDown(page, "**/orders/**");
  await page.getByRole("table").getByRole("link", { name }).click();
  await expect(page.getByText("Opening…")).toBeVisible({ timeout: 1_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 10_000 });
});
