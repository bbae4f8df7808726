import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";
import { freePort } from "../../test/support/free-port";

const root = resolve(import.meta.dirname, "../..");

/** A benchmark server in its own process group: its gRPC URL and how to stop it. */
export type BenchServer = { pid: number; url: string; stop: () => Promise<void> };

async function startUntilReady(command: string, args: (port: number) => string[]): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(command, args(port), { cwd: root, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  await new Promise<void>((ready, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) ready();
    });
    child.once("exit", (code) => fail(new Error(`${command} exited (${code}) before it was ready`)));
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      process.kill(-child.pid!, "SIGTERM");
      await once(child, "exit");
    },
  };
}

/** The bare server of this stack (bench/bare-server.ts) on a migrated SQLite file. */
export const startBareServer = (file: string) =>
  startUntilReady(process.execPath, (port) => ["--import", "tsx", "bench/bare-server.ts", String(port), file]);

/** The Python peer (bench/python-peer/server.py) on its own SQLite file. */
export const startPythonPeer = (file: string) =>
  startUntilReady("/usr/bin/python3", (port) => ["bench/python-peer/server.py", String(port), file]);
