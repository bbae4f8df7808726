import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { owner } from "./auth-state";
import { expect, test, uniquePrefix } from "./fixtures";
import { signedInAs } from "./sign-in";

// Issue 20: a tab whose sign-in ended says so in plain words, keeps what was typed, and signs
// in again where it is.

/** Waits for the tab to say it was signed out; resolves to how long that took from `since`. */
async function saysSignedOut(page: Page, since: number): Promise<number> {
  await expect(page.getByRole("heading", { name: "You were signed out" })).toBeVisible();
  const ms = Date.now() - since;
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header).toContainText("Signed out");
  await expect(header).not.toContainText("Signed in as");
  await expect(header.getByText("Live", { exact: true })).toHaveCount(0);
  // No protocol words anywhere a person reads (the header's "API tokens" link, and a token's
  // name in the order's history, aside).
  await expect(page.getByRole("main")).not.toContainText(/token (revoked|expired|invalid|not found)|unauthenticated/i);
  return ms;
}

test("signed out in another tab: the tab says so, keeps the unsaved edit, and signs in again in place", async ({
  browser,
  api,
}) => {
  const order = await api.create(uniquePrefix("Kept"));
  const { context, page } = await signedInAs(browser, owner.username, owner.password);
  await page.goto(`/orders/${order.uuid}`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByText("Live", { exact: true })).toBeVisible();
  const draft = `${order.name} edited while signed out`;
  await page.getByLabel("Name", { exact: true }).fill(draft);

  const other = await context.newPage();
  await other.goto("/");
  const signOutClicked = Date.now();
  await other.getByRole("button", { name: `Sign out ${owner.username}` }).click();
  await expect(other).toHaveURL(/\/sign-in\?signed-out=1$/);
  const ms = await saysSignedOut(page, signOutClicked);
  console.log(`signed out in another tab: this tab said so ${ms} ms after the click`);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(draft);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);

  // Saving now is refused in plain words, and the edit stays.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't save" })).toContainText(
    "Couldn't save: You were signed out. Your changes are kept",
  );
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(draft);

  // Signing in again in place: a wrong password first, then the right one.
  const notice = page.getByRole("region", { name: "You were signed out" });
  await expect(notice.getByLabel("Username")).toHaveValue(owner.username);
  await notice.getByLabel("Password").fill("not the password at all");
  await notice.getByRole("button", { name: "Sign in" }).click();
  await expect(notice).toContainText("That username and password do not match an account.");
  await notice.getByLabel("Password").fill(owner.password);
  await notice.getByRole("button", { name: "Sign in" }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(`Signed in as ${owner.username}`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByText("Live", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(draft);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect((await api.read(order.uuid)).name).toBe(draft);
  await context.close();
});

test("an account removed while its tab is open: the tab says it was signed out", async ({ page, browser }) => {
  const username = uniquePrefix("removed").toLowerCase();
  const password = "a removed person's password";
  await page.goto("/accounts");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password (at least 12 characters)").fill(password);
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("list", { name: "Accounts" })).toContainText(username);

  const removed = await signedInAs(browser, username, password);
  const typed = "an order typed before the removal";
  await removed.page.getByLabel("Name", { exact: true }).fill(typed);
  await expect(removed.page.getByRole("navigation", { name: "Main" }).getByText("Live", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Remove ${username}` }).click();
  const removedAt = Date.now();
  await page.getByRole("button", { name: `Confirm: Remove ${username}` }).click();
  const ms = await saysSignedOut(removed.page, removedAt);
  console.log(`account removed: its tab said it was signed out ${ms} ms after the click`);
  await expect(removed.page.getByLabel("Name", { exact: true })).toHaveValue(typed);
  await removed.context.close();
});
