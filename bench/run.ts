// npm run bench [-- --parts api,ui,scale] [the API load's own options, see bench/api-load.ts]
// Every performance target in one run, then one table of them:
//   api    the API's load against the bare servers and the Python peer (bench/api-load.ts);
//   ui     first-load JS, the first row and Lighthouse on a phone and a desktop (bench:ui);
//   scale  ListOrders at 1,000 and 1,000,000 orders, SQLite and PostgreSQL (bench:scale);
//   tests  the last `npm test` on this checkout, read from what it saved (not run here).
// Each part prints its own figures as it ends. About 17 minutes in all; needs a production build.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { forgetChecks, printChecks, readChecks } from "./load/target-checks";
import type { TargetCheck } from "./load/target-checks";

// `--parts` is this script's; every other argument goes to the API load as it was given.
const args = process.argv.slice(2);
const partsAt = args.indexOf("--parts");
const parts = (partsAt >= 0 ? args.splice(partsAt, 2)[1]! : "api,ui,scale").split(",");

/** Runs one part's script and returns the checks it saved (a part that did not save one: a miss). */
async function bench(part: string, script: string, args: string[] = [], env: Record<string, string> = {}) {
  await forgetChecks(part);
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) console.error(`${script} exited with ${result.status}`);
  return readChecks(part);
}

const checks: TargetCheck[] = [];
if (parts.includes("api")) {
  checks.push(...(await bench("api", "bench/api-load.ts", args)));
}
if (parts.includes("ui")) {
  checks.push(...(await bench("ui", "bench/ui-first-load.ts")));
}
if (parts.includes("scale")) {
  for (const database of ["sqlite", "postgresql"]) {
    // Its calls run in this process: a log line each would bury the table.
    const scaleArgs = ["--database", database, "--sizes", "1000,1000000", "--runs", "20"];
    checks.push(...(await bench(`scale-${database}`, "bench/scale.ts", scaleArgs, { LOG_LEVEL: "warn" })));
  }
}
checks.push(...(await testLoopCheck()));

console.log("\nEvery target of this run:\n");
printChecks(checks);

/** The last `npm test` of this checkout, as scripts/test-suites.ts saved it. */
async function testLoopCheck(): Promise<TargetCheck[]> {
  const saved = await readFile(".tmp/test-steps.json", "utf8").then(
    (text) => JSON.parse(text) as { seconds: number; steps: string; at: string },
    () => undefined,
  );
  if (!saved) return [];
  return [
    {
      area: "tests",
      figure: `last npm test (${saved.at}): ${saved.steps}`,
      value: `${(saved.seconds / 60).toFixed(1)} min`,
      target: "≤ 8 min",
      met: saved.seconds <= 480,
      why: "each step's time is in the figure; what was tried, and why the suites run one after the other: docs/testing.md",
    },
  ];
}
