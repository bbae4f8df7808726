// UI budget check for issue 3: first-load JS of `/` and time to the first order row, with
// 10,000 orders stored. Reports figures against the targets; asserts nothing.
//
//   npx tsx bench/ui-first-load.ts      (npm run bench:ui)
//   npm run bench:ui -- --files         also lists each script of the first run, largest first
//   npm run bench:ui -- --no-lighthouse leaves out Lighthouse's mobile and desktop runs
//
// Uses the existing production build in NEXT_DIST_DIR (default .next), building only when
// there is none. Serves it on BENCH_PORT (default 3230) against a fresh SQLite file.
import { chromiumLaunchOptions } from "../e2e/chromium";
import { lighthouse } from "./lighthouse";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { chromium } from "@playwright/test";
import { createOwner } from "../server/auth/accounts";
import { sessionCookieName, startSession } from "../server/auth/sessions";
import { timeZoneCookie } from "../lib/date-time";
import { createStore } from "../server/db/store";
import { median } from "./load/load-result";
import { saveChecks } from "./load/target-checks";
import type { TargetCheck } from "./load/target-checks";
import { waitUntilAnswering } from "./load/wait-until-answering";

const orderCount = 10_000;
const runs = 7;
const port = Number(process.env.BENCH_PORT ?? 3230);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const databaseFile = ".tmp/bench-ui.db";
const baseURL = `http://127.0.0.1:${port}`;
const targets = { firstLoadJsKb: 180, firstRowMs: 1000, mobilePerformance: 95, lcpMs: 2000, tbtMs: 150 };
const listFiles = process.argv.includes("--files");
const skipLighthouse = process.argv.includes("--no-lighthouse");
// `next start` runs in production mode, which requires a secret.
const authSecret = randomBytes(32).toString("base64url");
const env = {
  ...process.env,
  DATABASE_URL: `file:${databaseFile}`,
  GRPC_PORT: "off",
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: authSecret,
};

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

/** The migrated schema, then 10,000 rows in one transaction: seconds, not minutes of RPCs. */
function seed(): void {
  mkdirSync(".tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  run("npx", ["tsx", "scripts/db-migrate.ts"]);
  const db = new Database(databaseFile);
  // Stored as the app's Prisma adapter writes DateTime: ISO 8601 with an explicit +00:00.
  const stamp = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const insert = db.prepare(
    "INSERT INTO orders (uuid, name, name_folded, completed, date, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const products = [
    "Printer paper",
    "Espresso beans",
    "Standing desk",
    "Monitor arm",
    "USB-C cables",
    "Notebooks",
    "Whiteboard markers",
  ];
  const start = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    for (let index = 0; index < orderCount; index++) {
      const name = `${products[index % products.length]} #${String(index + 1).padStart(5, "0")}`;
      const created = stamp(new Date(start + index * 3_600_000 + 1_000));
      insert.run(
        randomUUID(),
        name,
        name.normalize("NFKC").toLowerCase(),
        index % 3 === 0 ? 1 : 0,
        stamp(new Date(start + index * 3_600_000)),
        created,
        created,
      );
    }
  })();
  db.close();
}

/**
 * The cookies a signed-in browser holds: a session of an owner account (the list is for signed-in
 * people), and the zone cookie that every page writes once it has run, the sign-in page included
 * (components/viewer-dates.tsx), so the list's dates are in the first HTML, as for any signed-in
 * person. Without it the dates wait for hydration, and Lighthouse's LCP with them.
 */
async function signedInCookies() {
  const store = createStore({ provider: "sqlite", file: databaseFile });
  try {
    const owner = await createOwner(store, "bench", "bench password");
    if (!("account" in owner)) throw new Error("could not create the bench account");
    const value = await startSession(store, new TextEncoder().encode(authSecret), owner.account.id);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return [
      { name: sessionCookieName, value, url: baseURL, httpOnly: true, sameSite: "Lax" as const },
      { name: timeZoneCookie, value: encodeURIComponent(zone), url: baseURL, sameSite: "Lax" as const },
    ];
  } finally {
    await store.close();
  }
}

if (!existsSync(`${distDir}/BUILD_ID`)) run("npx", ["next", "build"]);
seed();
const cookies = await signedInCookies();
// Next's own binary run by node, no npx wrapper: the pid we hold is the server's.
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
  env,
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitUntilAnswering(`${baseURL}/sign-in`);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const measure = async () => {
    // A new context per run: a first visit, no HTTP cache.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    // Stamps the moment the first order row is in the document and laid out, measured from
    // navigation start (performance.now()'s origin), without a round trip to the test runner.
    // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
    await page.addInitScript(`
      new MutationObserver((records, observer) => {
        const row = document.querySelector("table tbody tr a");
        if (row && row.getBoundingClientRect().height > 0) {
          window.firstRowAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
      window.layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    `);
    await page.goto(baseURL, { waitUntil: "load" });
    await page.getByRole("table").getByRole("link").first().waitFor();
    // Hydration switches dates to the browser's time zone after load: let shifts from that count.
    await page.waitForTimeout(1_000);
    const figures = await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType("resource")
        .filter(
          (entry) => (entry as PerformanceResourceTiming).initiatorType === "script" || entry.name.endsWith(".js"),
        ) as PerformanceResourceTiming[];
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        firstRowMs: (window as unknown as { firstRowAt: number }).firstRowAt,
        layoutShift: (window as unknown as { layoutShift: number }).layoutShift,
        jsEncoded: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
        jsDecoded: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
        scriptCount: scripts.length,
        files: scripts.map((entry) => ({
          path: new URL(entry.name).pathname,
          encoded: entry.encodedBodySize,
          decoded: entry.decodedBodySize,
        })),
        responseStartMs: navigation.responseStart,
        htmlKb: navigation.encodedBodySize / 1024,
      };
    });
    await context.close();
    return figures;
  };
  await measure(); // warm-up: the server's first render compiles and caches its modules
  const results = [];
  for (let index = 0; index < runs; index++) results.push(await measure());
  await browser.close();

  const first = results[0]!;
  const jsKb = first.jsEncoded / 1024;
  const firstRow = median(results.map((result) => result.firstRowMs));
  const rows: [string, string, string, string][] = [
    [
      "first-load JS of / (compressed)",
      `${jsKb.toFixed(1)} kB`,
      `≤ ${targets.firstLoadJsKb} kB`,
      jsKb <= targets.firstLoadJsKb ? "ok" : "over",
    ],
    ["  uncompressed / script files", `${(first.jsDecoded / 1024).toFixed(1)} kB / ${first.scriptCount}`, "", ""],
    [
      `navigation → first order row (median of ${runs})`,
      `${firstRow.toFixed(0)} ms`,
      `≤ ${targets.firstRowMs} ms`,
      firstRow <= targets.firstRowMs ? "ok" : "over",
    ],
    [
      "  min / max",
      `${Math.min(...results.map((r) => r.firstRowMs)).toFixed(0)} / ${Math.max(...results.map((r) => r.firstRowMs)).toFixed(0)} ms`,
      "",
      "",
    ],
    ["  server response start (median)", `${median(results.map((r) => r.responseStartMs)).toFixed(0)} ms`, "", ""],
    ["  HTML of / (compressed)", `${first.htmlKb.toFixed(1)} kB`, "", ""],
    ["cumulative layout shift (worst run)", Math.max(...results.map((r) => r.layoutShift)).toFixed(3), "0", ""],
  ];
  console.log(
    `\nUI first load, ${orderCount.toLocaleString("en-GB")} orders, ${distDir}, Chromium ${browser.version()}\n`,
  );
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...[["metric", "value", "target", ""], ...rows].map((row) => row[column]!.length)),
  );
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  console.log(line(["metric", "value", "target", ""]));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  if (listFiles) {
    console.log("\nscripts of the first measured run (kB compressed / uncompressed):");
    for (const file of [...first.files].sort((a, b) => b.encoded - a.encoded)) {
      console.log(
        `${(file.encoded / 1024).toFixed(1).padStart(7)} ${(file.decoded / 1024).toFixed(1).padStart(7)}  ${file.path}`,
      );
    }
  }
  const checks: TargetCheck[] = [
    {
      area: "UI",
      figure: "first-load JS of / (kB gzip)",
      value: jsKb.toFixed(1),
      target: `≤ ${targets.firstLoadJsKb}`,
      met: jsKb <= targets.firstLoadJsKb,
      why: "framework and libraries are about 160 kB of it: docs/performance.md, “Where the first-load JavaScript goes”",
    },
    {
      area: "UI",
      figure: "navigation → first order row (ms)",
      value: firstRow.toFixed(0),
      target: `≤ ${targets.firstRowMs}`,
      met: firstRow <= targets.firstRowMs,
    },
  ];
  if (!skipLighthouse)
    checks.push(...(await printLighthouse(cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "))));
  await saveChecks("ui", checks);
} finally {
  server.kill("SIGTERM");
}

/**
 * Prints Lighthouse's four scores and its LCP and TBT for `/` and an order page, mobile and
 * desktop, and returns the checks against the targets.
 */
async function printLighthouse(cookieHeader: string): Promise<TargetCheck[]> {
  const db = new Database(databaseFile, { readonly: true });
  const { uuid } = db.prepare("SELECT uuid FROM orders ORDER BY date DESC LIMIT 1").get() as { uuid: string };
  db.close();
  const chromePath = chromiumLaunchOptions.executablePath!;
  console.log(
    `\nLighthouse 12.2.3 (targets: mobile performance ≥ ${targets.mobilePerformance}, LCP ≤ ${targets.lcpMs} ms, TBT ≤ ${targets.tbtMs} ms; the rest 100)\n`,
  );
  console.log("| page | form | performance | accessibility | best practices | SEO | LCP | TBT | CLS |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  const checks: TargetCheck[] = [];
  for (const [label, path] of [
    ["/", "/"],
    ["order page", `/orders/${uuid}`],
  ] as const) {
    let lowestOther = 100;
    for (const preset of ["mobile", "desktop"] as const) {
      // The whole report, for its diagnostics (long tasks, unused JavaScript), beside the others in .tmp.
      const saveTo = `.tmp/lighthouse-${label === "/" ? "list" : "order"}-${preset}.json`;
      const result = await lighthouse(`${baseURL}${path}`, { cookie: cookieHeader, preset, chromePath, saveTo });
      const { performance, accessibility, seo } = result.scores;
      const bestPractices = result.scores["best-practices"];
      console.log(
        `| ${label} | ${preset} | ${performance} | ${accessibility} | ${bestPractices} | ${seo} | ${result.lcpMs.toFixed(0)} ms | ${result.tbtMs.toFixed(0)} ms | ${result.cls.toFixed(3)} |`,
      );
      lowestOther = Math.min(lowestOther, accessibility ?? 0, bestPractices ?? 0, seo ?? 0);
      if (preset !== "mobile") continue;
      const mobile = (figure: string, value: number, target: string, met: boolean): TargetCheck => ({
        area: "UI",
        figure: `${label}, Lighthouse mobile: ${figure}`,
        value: value.toFixed(0),
        target,
        met,
        why: result.why,
      });
      const score = performance ?? 0;
      checks.push(
        mobile("performance", score, `≥ ${targets.mobilePerformance}`, score >= targets.mobilePerformance),
        mobile("LCP (ms)", result.lcpMs, `≤ ${targets.lcpMs}`, result.lcpMs <= targets.lcpMs),
        mobile("TBT (ms)", result.tbtMs, `≤ ${targets.tbtMs}`, result.tbtMs <= targets.tbtMs),
      );
    }
    checks.push({
      area: "UI",
      figure: `${label}, Lighthouse: lowest of accessibility, best practices, SEO`,
      value: String(lowestOther),
      target: "100",
      met: lowestOther === 100,
    });
  }
  return checks;
}
