// The performance targets as one table: each benchmark saves the checks it measured under .tmp,
// and `npm run bench` prints them together after running the others.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";

/** One target: what was measured, the bound, and, when missed, the figure that accounts for it. */
export type TargetCheck = {
  area: string;
  figure: string;
  value: string;
  target: string;
  met: boolean;
  why?: string;
};

const file = (part: string) => `.tmp/bench-targets-${part}.json`;

export async function saveChecks(part: string, checks: TargetCheck[]): Promise<void> {
  await mkdir(".tmp", { recursive: true });
  await writeFile(file(part), JSON.stringify(checks));
}

/** Forgets what a part saved before, so that a run that fails to report is not read as this run's. */
export async function forgetChecks(part: string): Promise<void> {
  await rm(file(part), { force: true });
}

/** The checks a part saved, or one missed check saying the part did not report. */
export async function readChecks(part: string): Promise<TargetCheck[]> {
  return readFile(file(part), "utf8").then(
    (text) => JSON.parse(text) as TargetCheck[],
    () => [{ area: part, figure: "(did not report)", value: "", target: "", met: false }],
  );
}

export function printChecks(checks: TargetCheck[]): void {
  console.log("| area | figure | value | target | |\n|---|---|--:|--:|---|");
  for (const check of checks) {
    console.log(
      `| ${check.area} | ${check.figure} | ${check.value} | ${check.target} | ${check.met ? "met" : "**MISSED**"} |`,
    );
  }
  // One line per explanation, naming every missed figure it accounts for.
  const explained = new Map<string, string[]>();
  for (const check of checks.filter((c) => !c.met && c.why)) {
    explained.set(check.why!, [...(explained.get(check.why!) ?? []), `${check.area}, ${check.figure}`]);
  }
  if (explained.size > 0) console.log("\nWhere each missed target's remainder goes:");
  for (const [why, figures] of explained) console.log(`- ${figures.join("; ")}: ${why}`);
}
