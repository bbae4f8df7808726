import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { owner } from "./auth-state";
import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";

const signedOut = { cookies: [], origins: [] };

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** ListOrders from the page, with its cookies: what the browser's own calls get. */
function listFromPage(page: Page) {
  return page.evaluate(async () => {
    const response = await fetch("/api/order.OrderService/ListOrders", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    return { status: response.status, body: (await response.json()) as { message?: string } };
  });
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("a protected page sends to sign-in and, once signed in, back to where it was", async ({ page }) => {
    const prefix = uniquePrefix("auth");
    await page.goto(`/?q=${prefix}`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=%2F%3Fq%3D${prefix}$`));
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await signIn(page, owner.username, "not the password");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That username and password do not match an account.",
    );
    // The username stays typed; the password is where to type next.
    await expect(page.getByLabel("Username")).toHaveValue(owner.username);
    await expect(page.getByLabel("Password")).toBeFocused();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((violation) => violation.id)).toEqual([]);

    await signIn(page, owner.username, owner.password);
    await expect(page).toHaveURL(new RegExp(`/\\?q=${prefix}$`));
    await waitForHydration(page);

    // Create an order while signed in: the browser's calls carry the session cookie.
    await page.getByLabel("Name", { exact: true }).fill(`${prefix} signed in`);
    await page.getByRole("button", { name: "Add order" }).click();
    await expect(page.getByRole("table").getByRole("link", { name: `${prefix} signed in` })).toBeVisible();

    // Sign-out ends the session on the server: the same cookie no longer opens the API.
    const cookies = await page.context().cookies();
    await page.getByRole("button", { name: `Sign out ${owner.username}` }).click();
    await expect(page).toHaveURL(/\/sign-in\?signed-out=1$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You are signed out.");
    await page.context().addCookies(cookies);
    expect(await listFromPage(page)).toEqual({
      status: 401,
      body: expect.objectContaining({ message: "token revoked" }),
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("the API answers a signed-out browser with UNAUTHENTICATED", async ({ page }) => {
    await page.goto("/sign-in");
    expect(await listFromPage(page)).toEqual({
      status: 401,
      body: expect.objectContaining({ message: "token not found" }),
    });
  });
});

test("the API tokens page creates a token shown once, lists it, and revokes it", async ({ page, request }) => {
  const name = uniquePrefix("token");
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Expires after").selectOption("7d");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByLabel("New API token");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent()) ?? "";

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("never");
  const call = () =>
    request.post("/api/order.OrderService/ListOrders", {
      headers: { "rpc-auth": token, "content-type": "application/json" },
      data: {},
    });
  expect((await call()).status()).toBe(200);

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  // Asked first; Cancel keeps it.
  await expect(row).toContainText(`Revoke “${name}”? Programs using it stop working.`);
  await row.getByRole("button", { name: "Cancel" }).click();
  expect((await call()).status()).toBe(200);
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: `Confirm: Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  // The token cannot be copied once it is revoked.
  await expect(page.getByLabel("New API token")).toHaveCount(0);
  const refused = await call();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "unauthenticated", message: "token revoked" });
  // Shown once: after a reload only the listing remains.
  await page.reload();
  await expect(page.getByLabel("New API token")).toHaveCount(0);
});

test("the owner adds an account that can sign in, and removes it", async ({ page, browser }) => {
  const username = uniquePrefix("clerk").toLowerCase();
  const password = "a clerk's password";
  await page.goto("/accounts");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password (at least 12 characters)").fill(password);
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`Account “${username}” added.`);
  await expect(page.getByRole("list", { name: "Accounts" })).toContainText(username);

  const clerk = await browser.newContext({ storageState: signedOut });
  const clerkPage = await clerk.newPage();
  await clerkPage.goto("/sign-in");
  await signIn(clerkPage, username, password);
  await expect(clerkPage.getByRole("navigation", { name: "Main" })).toContainText(`Signed in as ${username}`);
  // Only the owner manages accounts, and a member who opens the page is told so.
  await expect(clerkPage.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  await clerkPage.goto("/accounts");
  await expect(clerkPage.getByRole("main")).toContainText(
    `Only the owner (${owner.username}) adds and removes accounts`,
  );

  await page.getByRole("button", { name: `Remove ${username}` }).click();
  await page.getByRole("button", { name: `Confirm: Remove ${username}` }).click();
  await expect(page.getByRole("list", { name: "Accounts" })).not.toContainText(username);
  // Removing the account ended its sessions.
  await clerkPage.goto("/");
  await expect(clerkPage).toHaveURL(/\/sign-in$/);
  await clerk.close();
});
