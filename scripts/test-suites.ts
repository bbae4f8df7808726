// `npm test`: lint and typecheck side by side (each is mostly one core's work, and CI has two),
// then the build, then the node tests and the browser tests (both, even when the first fails).
// A failed check or build stops there. Otherwise it prints how long each step took and, last,
// one line adding up the two suites' results:
//   N passed, N failed, N skipped
import { spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";

const nodeCounts = ".tmp/node-test-counts.json";
const e2eResults = ".tmp/e2e-results.json";
type Counts = { passed: number; failed: number; skipped: number; flaky: number };

function run(script: string, env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    // The environment is passed on whole to the suites, not read here.
    // eslint-disable-next-line no-restricted-syntax
    const child = spawn("npm", ["run", "-s", script], { stdio: "inherit", env: { ...process.env, ...env } });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

async function readJson<T>(path: string): Promise<T | undefined> {
  return readFile(path, "utf8").then(
    (text) => JSON.parse(text) as T,
    () => undefined,
  );
}

// A suite that ended without reporting (crashed, server never started) counts as one failure.
async function nodeResults(exitCode: number): Promise<Counts> {
  const counts = await readJson<Omit<Counts, "flaky">>(nodeCounts);
  if (!counts) return { passed: 0, failed: 1, skipped: 0, flaky: 0 };
  return { ...counts, flaky: 0, failed: counts.failed || (exitCode === 0 ? 0 : 1) };
}

async function e2eCounts(exitCode: number): Promise<Counts> {
  const report = await readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(
    e2eResults,
  );
  if (!report) return { passed: 0, failed: 1, skipped: 0, flaky: 0 };
  const { expected, unexpected, skipped, flaky } = report.stats;
  return { passed: expected, failed: unexpected || (exitCode === 0 ? 0 : 1), skipped, flaky };
}

const steps: string[] = [];
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  steps.push(`${name} ${Math.round((performance.now() - start) / 1000)} s`);
  return result;
}

const checks = await timed("lint+typecheck", () => Promise.all([run("lint"), run("typecheck")]));
if (checks.some((code) => code !== 0)) {
  const failed = ["lint", "typecheck"].filter((_, i) => checks[i] !== 0);
  console.error(`npm test: ${failed.join(" and ")} failed`);
  process.exit(1);
}
if ((await timed("build", () => run("build"))) !== 0) {
  console.error("npm test: the build failed");
  process.exit(1);
}
await mkdir(".tmp", { recursive: true });
await Promise.all([rm(nodeCounts, { force: true }), rm(e2eResults, { force: true })]);
const node = await timed("test:node", async () => nodeResults(await run("test:node")));
const e2e = await timed("test:e2e", async () => e2eCounts(await run("test:e2e", { E2E_PREBUILT: "1" })));
console.log(`Steps: ${steps.join(", ")}`);
const total = {
  passed: node.passed + e2e.passed,
  failed: node.failed + e2e.failed,
  skipped: node.skipped + e2e.skipped,
  flaky: node.flaky + e2e.flaky,
};
// Flaky tests are counted as passed and named on a line of their own, so that the last line
// stays the plain summary CI reads.
if (total.flaky) console.log(`${total.flaky} of the passed tests passed only on retry (flaky)`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
