// An external team's page on another origin calling /api with Google's grpc-web runtime, in
// text mode (the generated clients' default) and binary mode, in a real browser.
import { expect, test } from "@playwright/test";
import { startNextServer } from "../test/support/next-server";
import type { NextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import type { SqliteDatabase } from "../test/support/sqlite-database";
import { startSecondOrigin } from "./second-origin/second-origin";
import type { SecondOrigin } from "./second-origin/second-origin";

// Long enough to see each echo land on its own, short enough for a quick test.
const echoPauseMs = 1_000;

let site: SecondOrigin;
let app: NextServer;
let database: SqliteDatabase;

// This spec runs its own app: it needs CORS_ORIGINS to name the page's origin, which the
// shared web server of the other specs does not set.
test.beforeAll(async () => {
  test.setTimeout(90_000);
  site = await startSecondOrigin();
  database = await createSqliteDatabase();
  app = await startNextServer({
    databaseUrl: database.url,
    env: { CORS_ORIGINS: `http://127.0.0.1:${site.port}`, ECHO_PAUSE_MS: String(echoPauseMs) },
  });
});

test.afterAll(async () => {
  await app?.stop();
  await site?.close();
  await database?.remove();
});

const pageUrl = (host: string) =>
  `http://${host}:${site.port}/?api=${encodeURIComponent(`http://127.0.0.1:${app.port}/api`)}&token=${app.token}`;

for (const mode of ["Text (grpcwebtext)", "Binary (grpcweb)"]) {
  test.describe(mode, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(pageUrl("127.0.0.1"));
      await page.getByLabel(mode).check();
    });

    test("creates an order", async ({ page }) => {
      await page.getByLabel("Order name").fill(`Ordered in ${mode}`);
      await page.getByRole("button", { name: "Create order" }).click();
      await expect(page.getByRole("status")).toHaveText(`Created Ordered in ${mode}`);
    });

    test("shows NOT_FOUND with its ErrorInfo reason", async ({ page }) => {
      await page.getByRole("button", { name: "Read a missing order" }).click();
      await expect(page.getByRole("status")).toHaveText(
        /^NOT_FOUND: Order [0-9a-f-]{36} was not found\. · reason ORDER_NOT_FOUND$/,
      );
    });

    test("shows INVALID_ARGUMENT with its message and BadRequest field", async ({ page }) => {
      await page.getByRole("button", { name: "Read a malformed uuid" }).click();
      await expect(page.getByRole("status")).toHaveText(
        /^INVALID_ARGUMENT: uuid: uuid must be a UUID such as [0-9a-f-]+\. · field uuid$/,
      );
    });

    test("receives the echo server stream", async ({ page }) => {
      const echoes = page.getByRole("list", { name: "Echoes" }).getByRole("listitem");
      await page.getByRole("button", { name: "Stream echoes" }).click();
      await expect(echoes).toHaveCount(3, { timeout: 3 * echoPauseMs + 5_000 });
      await expect(echoes.first()).toContainText("browser: hello");
      if (mode.startsWith("Text")) {
        // Message by message: each echo was handed to the page when it was sent, the pause
        // apart (times as the page's data events saw them), not all at once at the end.
        // Binary mode cannot: grpc-web reads it as one XHR arraybuffer, complete at the end.
        const arrivals = (await echoes.allTextContents()).map((text) => Number(/\+(\d+) ms/.exec(text)?.[1]));
        for (let i = 1; i < arrivals.length; i++) {
          expect(arrivals[i]! - arrivals[i - 1]!, `arrivals ${arrivals.join(", ")} ms`).toBeGreaterThan(
            echoPauseMs * 0.7,
          );
        }
      }
      await expect(page.getByRole("status")).toHaveText("Stream ended");
    });
  });
}

test("connect-web's gRPC-Web transport on the same page reads the error and its details", async ({ page }) => {
  await page.goto(pageUrl("127.0.0.1"));
  await page.getByRole("button", { name: "Check a malformed uuid with connect-web" }).click();
  await expect(page.getByRole("status")).toHaveText(
    /^connect-web: code 3: uuid: uuid must be a UUID such as [0-9a-f-]+\. \(1 detail\)$/,
  );
});

test("a page on an origin not in CORS_ORIGINS is refused by the browser", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/blocked by CORS policy/.test(message.text())) blocked.push(message.text());
  });
  // localhost and 127.0.0.1 are different origins: same page, not on the list.
  await page.goto(pageUrl("localhost"));
  await page.getByRole("button", { name: "Create order" }).click();
  await expect(page.getByRole("status")).not.toHaveText(/Calling|Created/);
  await expect(page.getByRole("status")).toHaveText(/^(UNKNOWN|UNAVAILABLE|INTERNAL)\b/);
  expect(blocked.join("\n")).toMatch(/Access-Control-Allow-Origin/);
});
