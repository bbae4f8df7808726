import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";

// Issue 23's before/after pictures: the same spec run on the code before a fix (SHOT_TAG=before)
// and after it, so each defect can be seen next to its fix. Kept out of test-results/, which
// Playwright empties on every run.
const dir = process.env.SHOTS_DIR ?? join(".tmp", "screenshots", "issue-23");

export type ShotOptions = {
  /** Only this element, rather than the page. */
  area?: Locator;
  /** Only what the window shows, rather than the whole page. */
  viewportOnly?: boolean;
  /** JPEG at this quality instead of PNG: pictures kept in the repository stay small. */
  quality?: number;
  /**
   * A line drawn over the bottom of the window, for what a screenshot cannot show: the address,
   * the tab's title, a browser dialog. Implies viewportOnly.
   */
  note?: string;
};

/** Saves a screenshot named `<name>-<before|after>.png` (or .jpg); the path is noted in the report. */
export async function shot(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const extension = options.quality === undefined ? "png" : "jpg";
  const path = join(dir, `${name}-${process.env.SHOT_TAG ?? "after"}.${extension}`);
  const format = options.quality === undefined ? {} : { type: "jpeg" as const, quality: options.quality };
  if (options.area) {
    await options.area.screenshot({ path, ...format });
  } else {
    if (options.note !== undefined) await addNote(page, options.note);
    await page.screenshot({ path, fullPage: !options.viewportOnly && options.note === undefined, ...format });
    if (options.note !== undefined) await page.evaluate(() => document.getElementById("screenshot-note")?.remove());
  }
  console.log(`screenshot: ${path}`);
}

/** A caption pinned to the window's bottom edge, styled so it cannot pass for the app's own UI. */
async function addNote(page: Page, text: string): Promise<void> {
  await page.evaluate((note) => {
    const element = document.createElement("div");
    element.id = "screenshot-note";
    element.textContent = note;
    Object.assign(element.style, {
      position: "fixed",
      left: "0",
      right: "0",
      bottom: "0",
      zIndex: "2147483647",
      padding: "6px 10px",
      background: "#fef08a",
      color: "#1c1917",
      borderTop: "2px solid #a16207",
      font: "13px/1.4 ui-monospace, monospace",
      overflowWrap: "anywhere",
    });
    document.body.append(element);
  }, text);
}
