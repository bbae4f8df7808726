// A crash is not an outage when a supervisor restarts the process: an exception nothing caught
// ends it with a non-zero code, even beside a handler that only logs (as `next start` installs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

test("an uncaught exception ends the process with exit code 1 and a fatal line", () => {
  const script = `
    import { exitOnFatalErrors } from "./server/lifecycle/exit-on-fatal.ts";
    process.on("uncaughtException", () => console.error("logged only, as next start does"));
    exitOnFatalErrors();
    setInterval(() => {}, 1000); // a server's open handles
    setTimeout(() => { throw new Error("boom"); }, 10);
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: new URL("..", import.meta.url),
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /fatal: Error: boom/);
});
