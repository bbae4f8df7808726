import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";

// Issue 23's before/after pictures: the same spec run on the code before a fix (SHOT_TAG=before)
// and after it, so each defect can be seen next to its fix. Kept out of test-results/, which
// Playwright empties on every run.
const dir = process.env.SHOTS_DIR ?? join(".tmp", "screenshots", "issue-23");

/** Saves a screenshot named `<name>-<before|after>.png`; the path is noted in the report. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${process.env.SHOT_TAG ?? "after"}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}
