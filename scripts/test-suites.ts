// `npm test`: lint and the build side by side, the type check, then the node tests and, after
// them, the browser tests (both, even when the first fails). One after the other, each suite
// with the two cores to itself: side by side was 10 % faster on a quiet machine and twice as
// slow on a busy one, and the timing failures CI has seen came from one suite's load delaying the
// other's timers (docs/testing.md). A failed check or build stops before the tests. It prints how
// long each step took, a `failed: <test>` line for each failed test and, last, one line adding
// up the two suites' results:
//   N passed, N failed, N skipped
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";

const nodeCounts = ".tmp/node-test-counts.json";
const e2eResults = ".tmp/e2e-results.json";
type Counts = { passed: number; failed: number; skipped: number; flaky: number; failedTests: string[] };
type E2eSuite = {
  file: string;
  suites?: E2eSuite[];
  specs: { title: string; line: number; tests: { status: string }[] }[];
};

/** Runs an npm script, its output on this terminal. */
async function run(script: string, env: Record<string, string> = {}): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn("npm", ["run", "-s", script], {
      stdio: ["ignore", "inherit", "inherit"],
      // The environment is passed on whole to the suites, not read here.
      // eslint-disable-next-line no-restricted-syntax
      env: { ...process.env, ...env },
    });
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
  if (!counts) return { passed: 0, failed: 1, skipped: 0, flaky: 0, failedTests: ["the node suite did not report"] };
  if (counts.failed || exitCode === 0) return { ...counts, flaky: 0 };
  return { ...counts, flaky: 0, failed: 1, failedTests: [`the node suite exited with code ${exitCode}`] };
}

function unexpected(suite: E2eSuite, file = suite.file): string[] {
  const own = suite.specs
    .filter((spec) => spec.tests.some((test) => test.status === "unexpected"))
    .map((spec) => `e2e/${file}:${spec.line} › ${spec.title}`);
  return [...own, ...(suite.suites ?? []).flatMap((child) => unexpected(child, file))];
}

async function e2eCounts(exitCode: number): Promise<Counts> {
  const report = await readJson<{
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    suites: E2eSuite[];
  }>(e2eResults);
  if (!report) return { passed: 0, failed: 1, skipped: 0, flaky: 0, failedTests: ["the browser suite did not report"] };
  const { expected, unexpected: failed, skipped, flaky } = report.stats;
  // A flaky test passed on its retry: it counts as passed, and is named on the flaky line too.
  return {
    passed: expected + flaky,
    failed: failed || (exitCode === 0 ? 0 : 1),
    skipped,
    flaky,
    failedTests:
      failed || exitCode === 0
        ? report.suites.flatMap((suite) => unexpected(suite))
        : [`the browser suite exited with code ${exitCode}`],
  };
}

const started = performance.now();
const steps: string[] = [];
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  steps.push(`${name} ${Math.round((performance.now() - start) / 1000)} s`);
  return result;
}

// The type check after the build: it reads the route types the build writes to .next/types.
const [lint, build] = await timed("lint+build", () => Promise.all([run("lint"), run("build")]));
const typecheck = await timed("typecheck", () => run("typecheck"));
const failed = Object.entries({ lint, build, typecheck }).filter(([, code]) => code !== 0);
if (failed.length > 0) {
  console.error(`npm test: ${failed.map(([name]) => name).join(" and ")} failed`);
  process.exit(1);
}
await mkdir(".tmp", { recursive: true });
await Promise.all([rm(nodeCounts, { force: true }), rm(e2eResults, { force: true })]);
const node = await timed("test:node", async () => nodeResults(await run("test:node")));
const e2e = await timed("test:e2e", async () => e2eCounts(await run("test:e2e", { E2E_PREBUILT: "1" })));
console.log(`Steps: ${steps.join(", ")}`);
// For `npm run bench`'s table of targets.
await writeFile(
  ".tmp/test-steps.json",
  JSON.stringify({
    seconds: Math.round((performance.now() - started) / 1000),
    steps: steps.join(", "),
    at: new Date().toISOString().slice(0, 16),
  }),
);
const total = {
  passed: node.passed + e2e.passed,
  failed: node.failed + e2e.failed,
  skipped: node.skipped + e2e.skipped,
  flaky: node.flaky + e2e.flaky,
};
// Flaky tests are counted as passed and named on a line of their own, so that the last line
// stays the plain summary CI reads.
if (total.flaky) console.log(`${total.flaky} of the passed tests passed only on retry (flaky)`);
for (const name of [...node.failedTests, ...e2e.failedTests]) console.log(`failed: ${name}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
