// npx tsx bench/list-blocking.ts <dist dir> [<dist dir> ...]      ROUNDS=5 SIZES=25,100
// The main thread's blocking on a first visit of the list, as a phone feels it: Chromium's CPU
// slowed 4×, a 412 px window, the sum of long tasks' time past 50 ms (Lighthouse's total
// blocking time, measured rather than simulated) until 2.5 s after the first row shows. The
// builds (NEXT_DIST_DIR=<dir> npx next build) are served side by side and measured in turns, so
// a busy machine slows each alike: compare them with each other, not with Lighthouse.
// Uses the 10,000 orders and the account that `npm run bench:ui` leaves in .tmp/bench-ui.db.
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { sessionCookieName, startSession } from "../server/auth/sessions";
import { createStore } from "../server/db/store";
import { median } from "./load/load-result";
import { waitUntilAnswering } from "./load/wait-until-answering";

const rounds = Number(process.env.ROUNDS ?? 5);
const sizes = (process.env.SIZES ?? "25,100").split(",");
const databaseFile = ".tmp/bench-ui.db";
const authSecret = "list-blocking-bench-secret-0123456789abcdef";

const servers = process.argv.slice(2).map((distDir, index) => ({
  distDir,
  baseURL: `http://127.0.0.1:${3320 + index}`,
  process: spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(3320 + index)], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${databaseFile}`,
      GRPC_PORT: "off",
      NEXT_DIST_DIR: distDir,
      AUTH_SECRET: authSecret,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  }),
}));

async function sessionCookieValue(): Promise<string> {
  const database = new Database(databaseFile, { readonly: true });
  const account = database.prepare("SELECT id FROM accounts LIMIT 1").get() as { id: string } | undefined;
  database.close();
  if (!account) throw new Error(`no account in ${databaseFile}: run npm run bench:ui first`);
  const store = createStore({ provider: "sqlite", file: databaseFile });
  try {
    return await startSession(store, new TextEncoder().encode(authSecret), account.id);
  } finally {
    await store.close();
  }
}

try {
  const session = await sessionCookieValue();
  await Promise.all(servers.map((server) => waitUntilAnswering(`${server.baseURL}/sign-in`, 120_000)));
  const browser = await chromium.launch(chromiumLaunchOptions);
  const blocked = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      for (const size of sizes) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
        await context.addCookies([{ name: sessionCookieName, value: session, url: server.baseURL, httpOnly: true }]);
        const page = await context.newPage();
        await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: 4 });
        // A string: tsx's helpers do not exist inside the page.
        await page.addInitScript(`window.blocked = 0; new PerformanceObserver((list) => {
          for (const task of list.getEntries()) window.blocked += Math.max(0, task.duration - 50);
        }).observe({ type: "longtask", buffered: true });`);
        await page.goto(`${server.baseURL}/?size=${size}`);
        await page.getByRole("table").getByRole("link").first().waitFor();
        await page.waitForTimeout(2_500);
        const key = `${server.distDir}, ${size} rows`;
        blocked.set(key, [
          ...(blocked.get(key) ?? []),
          await page.evaluate(() => (window as unknown as { blocked: number }).blocked),
        ]);
        await context.close();
      }
    }
  }
  await browser.close();
  console.log(`\nblocking time of a first visit, CPU 4× slowed, ms: median (every round), ${rounds} rounds\n`);
  for (const [key, values] of blocked) {
    console.log(
      `${key.padEnd(32)} ${String(Math.round(median(values))).padStart(6)}  (${values.map(Math.round).join(", ")})`,
    );
  }
} finally {
  for (const server of servers) server.process.kill();
}
