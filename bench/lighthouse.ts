// Lighthouse on a page of the running server, for `npm run bench:ui`: mobile (its default
// throttling: a mid-range phone on slow 4G) and desktop. Fetched with npx when first run rather
// than installed with the project: 12.2.3 is the newest that installs beside this lockfile and
// runs on Node 20, and no test needs it.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

export type LighthouseResult = {
  /** Category scores, 0–100: performance, accessibility, best-practices, seo. */
  scores: Record<string, number>;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Where the page's time went: its paints, and the main thread's costliest scripts. */
  why: string;
};

type Details = { items?: Record<string, number | string>[] };
type Report = {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number; details?: Details }>;
};

function diagnosis(report: Report): string {
  const ms = (value: unknown) => `${Math.round(Number(value))} ms`;
  const at = (audit: string) => ms(report.audits[audit]?.numericValue);
  const scripts = (report.audits["bootup-time"]?.details?.items ?? [])
    .filter((item) => String(item.url).endsWith(".js"))
    .slice(0, 3)
    .map((item) => `${String(item.url).split("/").pop()} ${ms(item.scripting)}`);
  const observed = report.audits.metrics?.details?.items?.[0] ?? {};
  return (
    `first paint ${at("first-contentful-paint")}, LCP ${at("largest-contentful-paint")}, interactive ${at("interactive")}; ` +
    `as loaded, before the simulation: first paint ${ms(observed.observedFirstContentfulPaint)}, LCP ${ms(observed.observedLargestContentfulPaint)} ` +
    "(an LCP at the first paint that the simulation puts later counts the scripts fetched before it: docs/performance.md, “Lighthouse”); " +
    `main thread ${at("mainthread-work-breakdown")}, of which script evaluation ${scripts.join(", ")} (a simulated slow phone: 4× CPU, slow 4G)`
  );
}

export async function lighthouse(
  url: string,
  {
    cookie,
    preset,
    chromePath,
    saveTo,
  }: { cookie: string; preset: "mobile" | "desktop"; chromePath: string; saveTo?: string },
): Promise<LighthouseResult> {
  const { stdout } = await run(
    "npx",
    [
      "-y",
      "lighthouse@12.2.3",
      url,
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--only-categories=performance,accessibility,best-practices,seo",
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ...(preset === "desktop" ? ["--preset=desktop"] : []),
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as Report;
  if (saveTo) await writeFile(saveTo, stdout);
  const scores = Object.fromEntries(
    Object.entries(report.categories).map(([name, category]) => [name, Math.round((category.score ?? 0) * 100)]),
  );
  const audit = (name: string) => report.audits[name]?.numericValue ?? Number.NaN;
  return {
    scores,
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    why: diagnosis(report),
  };
}
