import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";
import { authSecret, databaseFile, e2ePort as port, ownerStateFile } from "./e2e/auth-state";

// The suite owns its server: a fixed port away from dev's 3000 and a database file of its own.
const baseURL = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR ?? ".next";

// `npm test` builds once before the node and e2e suites and sets E2E_PREBUILT; alone, build first.
const build = process.env.E2E_PREBUILT ? "" : "npx next build && ";
// A fresh database every run: the schema is migrated at start, and no test sees another run's orders.
const start = `mkdir -p .tmp && rm -f ${databaseFile} ${databaseFile}-wal ${databaseFile}-shm && ${build}npm start -- --port ${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  // Two browsers at a time: the suite runs after the node tests, alone on the machine (240 s on one
  // worker, 188 s on two, on 2 cores). Beside the node tests two were slower and timed out.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_500 },
  // The JSON report feeds the one summary line of `npm test` (scripts/test-suites.ts).
  reporter: [["list"], ["json", { outputFile: ".tmp/e2e-results.json" }], ["./e2e/summary-reporter.ts"]],
  use: {
    baseURL,
    trace: "on-first-retry",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // Creates the owner on the fresh database through the UI and keeps the signed-in state.
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, storageState: ownerStateFile },
    },
  ],
  webServer: {
    command: start,
    url: `${baseURL}/api/order.OrderService/ListOrders?encoding=json&message=%7B%7D`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `file:${databaseFile}`,
      AUTH_SECRET: authSecret,
      // Any free port: the order page's "Check status" calls the checker on it.
      GRPC_PORT: "0",
      CHECK_LATENCY_MS: "0",
      // The browser counts a stream silent for 2.5 heartbeats as dead: seconds, not 37.5 s, for
      // the spec that silences one.
      WATCH_HEARTBEAT_MS: "2000",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      // One JSON line per RPC would bury the test output.
      LOG_LEVEL: "warn",
    },
  },
});
