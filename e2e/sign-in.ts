import type { Browser, BrowserContextOptions } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * A browser context of its own, signed in through the form as `username`: signing it out, or
 * removing the account, leaves the suite's own session alone.
 */
export async function signedInAs(
  browser: Browser,
  username: string,
  password: string,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ ...options, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(`Signed in as ${username}`);
  return { context, page };
}
