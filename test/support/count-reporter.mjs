// @ts-check
// Plain JavaScript: node:test loads reporters before any TypeScript loader is in place.

/**
 * A node:test reporter that writes `{"passed":N,"failed":N,"skipped":N}` once the run ends,
 * for the combined summary line of `npm test` (scripts/test-summary.ts). Counts tests, not
 * suites or files.
 * @param {AsyncIterable<import("node:test/reporters").TestEvent>} source
 */
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { data } = event;
    if (/** @type {{ type?: string }} */ (data.details).type === "suite") continue;
    if (data.skip !== undefined || data.todo !== undefined) counts.skipped += 1;
    else if (event.type === "test:pass") counts.passed += 1;
    else counts.failed += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}
