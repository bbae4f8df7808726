import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test as setup } from "@playwright/test";
import { sessionCookieName } from "@/lib/session-cookie";
import { apiTokenFile, authSecret, databaseFile, owner, ownerStateFile } from "./auth-state";

// Runs first, on the suite's fresh database: the owner's creation is itself the test of the
// first visit, and its session is what every other spec starts with.
setup("the first visit creates the owner account and signs them in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByLabel("Username").fill(owner.username);
  await page.getByLabel("Password (at least 12 characters)").fill("too short");
  await page.getByLabel("Repeat the password").fill("too short");
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Password (at least 12 characters)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password (at least 12 characters)").fill(owner.password);
  await page.getByLabel("Repeat the password").fill(owner.password);
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(`Signed in as ${owner.username}`);

  // The session alone: specs start as a signed-in first visit, without the time-zone cookie or
  // storage this page wrote.
  const state = await page.context().storageState();
  mkdirSync(dirname(ownerStateFile), { recursive: true });
  writeFileSync(
    ownerStateFile,
    JSON.stringify({ cookies: state.cookies.filter((cookie) => cookie.name === sessionCookieName), origins: [] }),
  );
});

setup("npm run token prints a token for programs", () => {
  const token = execFileSync("npm", ["run", "-s", "token", "--", "--name", "e2e", "--ttl", "1d"], {
    env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, AUTH_SECRET: authSecret },
    stdio: ["ignore", "pipe", "ignore"],
  })
    .toString()
    .trim();
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  writeFileSync(apiTokenFile, token);
});
