import { execFile } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** What a finished command printed, and how it ended. */
export type CommandResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command in the repository with extra environment variables; never rejects on a non-zero exit. */
export function runCommand(
  file: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CommandResult> {
  return new Promise((resolveResult) => {
    execFile(
      file,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolveResult({ code, stdout, stderr });
      },
    );
  });
}
