// @ts-check
// Plain JavaScript: node:test loads reporters before any TypeScript loader is in place.

/**
 * A node:test reporter that writes `{"passed":N,"failed":N,"skipped":N,"failedTests":[…]}` once
 * the run ends, for the combined summary of `npm test` (scripts/test-suites.ts). Counts tests,
 * not suites or files; a failed test is named by its file and name, so that the end of a long
 * log still says which one failed.
 * @param {AsyncIterable<import("node:test/reporters").TestEvent>} source
 */
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failedTests: /** @type {string[]} */ ([]) };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { data } = event;
    if (/** @type {{ type?: string }} */ (data.details).type === "suite") continue;
    if (data.skip !== undefined || data.todo !== undefined) counts.skipped += 1;
    else if (event.type === "test:pass") counts.passed += 1;
    else {
      counts.failed += 1;
      const file = data.file ? `${data.file.replace(`${process.cwd()}/`, "")} › ` : "";
      counts.failedTests.push(`${file}${data.name}`);
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
