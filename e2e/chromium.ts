import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium, as the specs and the UI benchmark launch it: Playwright cannot download its
 * own browsers on these machines, and the background services' connections would be refused.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
