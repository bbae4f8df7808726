import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { authSecret, databaseFile } from "./auth-state";
import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";
import { signedInAs } from "./sign-in";

const password = "a member's long password";
const readOnly = "You can read orders but not change them: your account is a viewer.";

/** The owner adds an account with `role` on /accounts; resolves to its username. */
async function addMember(page: Page, role: "Editor" | "Viewer"): Promise<string> {
  const username = uniquePrefix(role).toLowerCase();
  await page.goto("/accounts");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password (at least 12 characters)").fill(password);
  await page.getByLabel("Role", { exact: true }).selectOption(role.toLowerCase());
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(`Account “${username}” added.`);
  return username;
}

test("a viewer sees the orders with no usable create, edit, toggle, check or delete control, told why once", async ({
  page,
  browser,
  api,
}) => {
  const order = await api.create(uniquePrefix("Viewed"));
  const username = await addMember(page, "Viewer");
  const viewer = await signedInAs(browser, username, password);
  const list = viewer.page;
  await waitForHydration(list);
  await expect(list.getByRole("link", { name: order.name })).toBeVisible();
  await expect(list.getByText(readOnly)).toHaveCount(1);
  await expect(list.getByRole("heading", { name: "New order" })).toHaveCount(0);
  await expect(list.getByRole("button", { name: "Add order" })).toHaveCount(0);
  await expect(list.getByRole("checkbox", { name: `Completed: ${order.name}` })).toBeDisabled();
  // No bulk selection or import; exporting reads, so it stays.
  await expect(list.getByRole("checkbox", { name: /^Select / })).toHaveCount(0);
  await expect(list.getByRole("link", { name: "Import CSV" })).toHaveCount(0);
  await expect(list.getByRole("link", { name: "Export CSV" })).toBeVisible();

  await list.getByRole("link", { name: order.name }).click();
  await expect(list.getByRole("heading", { name: order.name, level: 1 })).toBeVisible();
  await expect(list.getByText(readOnly)).toHaveCount(1);
  for (const name of ["Mark as completed", "Delete", "Check status", "Save changes"]) {
    await expect(list.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(list.getByRole("heading", { name: "Edit order" })).toHaveCount(0);
  // The history is theirs to read.
  await expect(list.getByRole("list", { name: "Changes, newest first" })).toContainText("e2e (service)");
  await viewer.context.close();
});

test("the order page shows its history as a timeline: who did what, with before and after, and when", async ({
  page,
  api,
}) => {
  const name = uniquePrefix("Timeline");
  const order = await api.create(name);
  await page.goto(`/orders/${order.uuid}`);
  await waitForHydration(page);
  const timeline = page.getByRole("list", { name: "Changes, newest first" });
  await expect(timeline.getByRole("listitem")).toHaveText([
    new RegExp(`^e2e \\(service\\) \\(token “e2e”\\) created it as “${name}” · (just now|\\d+ (sec|min)\\. ago)$`),
  ]);

  await page.getByLabel("Name").fill(`${name} renamed`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(timeline.getByRole("listitem").first()).toHaveText(
    new RegExp(`^owner renamed it from “${name}” to “${name} renamed” · `),
  );
  await page.getByRole("button", { name: "Mark as completed" }).click();
  await expect(timeline.getByRole("listitem").first()).toContainText("owner marked it completed");
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  // A change made elsewhere arrives on its own (the live stream), named after its maker.
  await api.updateOrder({ uuid: order.uuid, completed: false, updateMask: { paths: ["completed"] } });
  await expect(timeline.getByRole("listitem").first()).toContainText("e2e (service) (token “e2e”) marked it open");
});

test("the list shows who created each order", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Made by"));
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`/?q=${encodeURIComponent(order.name)}`);
  const row = page.getByRole("row", { name: new RegExp(order.name) });
  await expect(row.getByRole("cell").last()).toHaveText("e2e (service)");
  await expect(page.getByRole("columnheader", { name: "Created by" })).toBeVisible();
});

test("the owner's tokens page lists every token, the CLI's too, with owner and scope, and revokes any", async ({
  page,
  request,
}) => {
  const name = uniquePrefix("nightly");
  const token = execFileSync("npm", ["run", "-s", "token", "--", "--name", name, "--scope", "read"], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, AUTH_SECRET: authSecret },
    stdio: ["ignore", "pipe", "ignore"],
  })
    .toString()
    .trim();
  const list = () =>
    request.post("/api/order.OrderService/ListOrders", {
      headers: { "rpc-auth": token, "content-type": "application/json" },
      data: {},
    });
  expect((await list()).status()).toBe(200);
  await page.goto("/tokens");
  await expect(page.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Scope" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^e2e\b/ }).first()).toContainText("e2e (service)read, write");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`${name} (service)read`);
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: `Confirm: Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  expect((await list()).status()).toBe(401);
});

test("a read-only token made on the tokens page lists but cannot write; a duplicate name gets a hint", async ({
  page,
  request,
}) => {
  const name = uniquePrefix("reader");
  await page.goto("/tokens");
  for (const attempt of [1, 2]) {
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Scope").selectOption("read");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByLabel("New API token")).toBeVisible();
    const hint = page.getByText(`Another live token of yours is also named “${name}”`);
    await expect(hint).toHaveCount(attempt === 1 ? 0 : 1);
  }
  const token = (await page.getByLabel("New API token").textContent()) ?? "";
  const call = (method: string) =>
    request.post(`/api/order.OrderService/${method}`, {
      headers: { "rpc-auth": token, "content-type": "application/json" },
      data: method === "CreateOrder" ? { name: "refused" } : {},
    });
  expect((await call("ListOrders")).status()).toBe(200);
  const refused = await call("CreateOrder");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ code: "permission_denied" });
});

test("changing one's password ends one's other sessions; the owner's reset ends all of them", async ({
  page,
  browser,
}) => {
  // Five scrypt hashes and checks and three sign-ins: 12 s on a quiet machine, past 30 s on a loaded one.
  test.setTimeout(60_000);
  const username = await addMember(page, "Editor");
  const here = await signedInAs(browser, username, password);
  const elsewhere = await signedInAs(browser, username, password);
  await here.page.goto("/password");
  await here.page.getByLabel("Current password").fill("not my password at all");
  await here.page.getByLabel("New password (at least 12 characters)").fill("my brand new password");
  await here.page.getByLabel("Repeat the new password").fill("my brand new password");
  await here.page.getByRole("button", { name: "Change password" }).click();
  await expect(here.page.getByText("This is not your current password.")).toBeVisible();
  await here.page.getByLabel("Current password").fill(password);
  await here.page.getByLabel("New password (at least 12 characters)").fill("my brand new password");
  await here.page.getByLabel("Repeat the new password").fill("my brand new password");
  await here.page.getByRole("button", { name: "Change password" }).click();
  await expect(here.page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();
  // The other browser was signed out (its open page says so); this one was not.
  await expect(elsewhere.page.getByRole("heading", { name: "You were signed out" })).toBeVisible({ timeout: 15_000 });
  await here.page.goto("/");
  await expect(here.page).toHaveURL(/\/$/);

  // The owner sets a new password: every session of the member ends, and the new one works.
  await page.goto("/accounts");
  await page.getByLabel(`New password for ${username}`).fill("set by the owner, long");
  await page.getByRole("button", { name: `Set password for ${username}` }).click();
  await expect(page.getByText(`Password of ${username} set; their sessions ended.`)).toBeVisible();
  await here.page.goto("/");
  await expect(here.page).toHaveURL(/\/sign-in$/);
  const again = await signedInAs(browser, username, "set by the owner, long");
  await Promise.all([here.context.close(), elsewhere.context.close(), again.context.close()]);
});
