import type { FullResult, Reporter, TestCase } from "@playwright/test/reporter";

/**
 * Prints one machine-readable line last: `e2e: N passed, M failed[, K skipped]`. CI reads it.
 * A test counts once, by its final outcome: a pass on retry is a pass ("flaky" in the list).
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, "passed" | "failed" | "skipped">();

  onTestEnd(test: TestCase): void {
    // Called once per attempt; a later attempt's outcome overwrites an earlier one.
    const outcome = test.outcome();
    this.outcomes.set(test.id, outcome === "skipped" ? "skipped" : outcome === "unexpected" ? "failed" : "passed");
  }

  async onEnd(result: FullResult): Promise<void> {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const outcome of this.outcomes.values()) counts[outcome] += 1;
    // A run that died before or between tests (webServer failure, timeout) is not a pass.
    if (result.status !== "passed" && counts.failed === 0) counts.failed = 1;
    // Let the list reporter finish its own summary first, so this really is the last line.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const skipped = counts.skipped ? `, ${counts.skipped} skipped` : "";
    process.stdout.write(`e2e: ${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
  }
}
