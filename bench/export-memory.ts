// CSV export in constant memory (issue 22): exports every order of a seeded store over REST from
// a real `next start` and samples the server's RSS (/proc/<pid>/status) while it streams.
// Prints figures against the target; asserts nothing.
//
//   npx tsx bench/export-memory.ts                    100,000 orders (target: RSS growth < 100 MB)
//   npx tsx bench/export-memory.ts --orders 1000000   the million case, timed
//
// Uses the production build in NEXT_DIST_DIR (default .next), building only when there is none.
// Serves it on BENCH_PORT (default 3232) against a fresh SQLite file.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { issueApiToken } from "../server/auth/api-tokens";
import { createStore } from "../server/db/store";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { waitUntilAnswering } from "./load/wait-until-answering";

const ordersFlag = process.argv.indexOf("--orders");
const orderCount = ordersFlag === -1 ? 100_000 : Number(process.argv[ordersFlag + 1]);
const port = Number(process.env.BENCH_PORT ?? 3232);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const databaseFile = ".tmp/bench-export.db";
const baseURL = `http://127.0.0.1:${port}`;
const targetGrowthMb = 100;
const authSecret = randomBytes(32).toString("base64url");
const env = {
  ...process.env,
  DATABASE_URL: `file:${databaseFile}`,
  GRPC_PORT: "off",
  NEXT_DIST_DIR: distDir,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: authSecret,
  LOG_LEVEL: "warn",
};

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

async function seed(): Promise<void> {
  mkdirSync(".tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
  run("npx", ["tsx", "scripts/db-migrate.ts"]);
  const writer = await openSeedWriter({ provider: "sqlite", file: databaseFile });
  const random = seededRandom(22);
  for (let done = 0; done < orderCount; done += 10_000) {
    await writer.write(seedRows(Math.min(10_000, orderCount - done), random));
  }
  await writer.close();
}

async function token(): Promise<string> {
  const store = createStore({ provider: "sqlite", file: databaseFile });
  try {
    const issued = await issueApiToken(store, new TextEncoder().encode(authSecret), {
      name: "bench",
      owner: { service: "bench" },
    });
    return issued.token;
  } finally {
    await store.close();
  }
}

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
};

/** Reads the whole export, counting its rows; answers rows, bytes and seconds. */
async function exportAll(bearer: string, query = "") {
  const started = performance.now();
  const response = await fetch(`${baseURL}/api/v1/orders:export${query}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000 };
}

if (!existsSync(`${distDir}/BUILD_ID`)) run("npx", ["next", "build"]);
const seedStart = performance.now();
await seed();
console.log(
  `seeded ${orderCount.toLocaleString("en")} orders in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
);
const bearer = await token();
// Next's own binary run by node, no npx wrapper: the pid we hold is the server's; with the heap
// settings `npm start` gives it (package.json config.nodeOptions), so V8 collects as in production.
const { config: packageConfig } = JSON.parse(readFileSync("package.json", "utf8")) as {
  config: { nodeOptions: string };
};
const nodeOptions = packageConfig.nodeOptions.split(" ");
const server = spawn(
  process.execPath,
  [...nodeOptions, "node_modules/next/dist/bin/next", "start", "--port", String(port)],
  {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  },
);
try {
  await waitUntilAnswering(`${baseURL}/api/openapi.json`);
  // Warm-up: the route's code loaded and compiled before the baseline is taken.
  await exportAll(bearer, "?name_contains=zzzz-nothing");
  await exportAll(bearer, "?completed=true&order_by=ORDER_BY_NAME_ASC");
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const baseline = rssMb(server.pid!);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 20);
  const result = await exportAll(bearer, "?order_by=ORDER_BY_NAME_ASC");
  clearInterval(sampler);
  peak = Math.max(peak, rssMb(server.pid!));
  const growth = peak - baseline;
  console.log(
    [
      `orders stored        ${orderCount.toLocaleString("en")}`,
      `rows exported        ${result.rows.toLocaleString("en")} ${result.rows === orderCount ? "(all)" : "(MISSING ROWS)"}`,
      `bytes                ${(result.bytes / 1024 / 1024).toFixed(1)} MB`,
      `time                 ${result.seconds.toFixed(1)} s (${Math.round(result.rows / result.seconds).toLocaleString("en")} rows/s)`,
      `server RSS baseline  ${baseline.toFixed(1)} MB`,
      `server RSS peak      ${peak.toFixed(1)} MB`,
      `RSS growth           ${growth.toFixed(1)} MB (target < ${targetGrowthMb} MB: ${growth < targetGrowthMb ? "met" : "NOT met"})`,
    ].join("\n"),
  );
} finally {
  server.kill();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${databaseFile}${suffix}`, { force: true });
}
