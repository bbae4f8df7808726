import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** A benchmark server in its own process group: its gRPC URL and how to stop it. */
export type BenchServer = { pid: number; url: string; stop: () => Promise<void> };

// Each server binds port 0 and names the port it got ("ready PORT"): nothing can take it in between.
async function startUntilReady(command: string, args: (port: number) => string[]): Promise<BenchServer> {
  const child = spawn(command, args(0), { cwd: root, detached: true, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  const port = await new Promise<number>((ready, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) ready(Number(match[1]));
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

/** SQLite's `synchronous` setting: NORMAL survives a process crash, FULL also a power loss. */
export type Synchronous = "NORMAL" | "FULL";

/** The bare server of this stack (bench/bare-server.ts) on a migrated SQLite file. */
export const startBareServer = (file: string, synchronous: Synchronous) =>
  startUntilReady(process.execPath, (port) => [
    "--import",
    "tsx",
    "bench/bare-server.ts",
    String(port),
    file,
    synchronous,
  ]);

/** The Python peer (bench/python-peer/server.py) on its own SQLite file. */
export const startPythonPeer = (file: string, synchronous: Synchronous) =>
  startUntilReady("/usr/bin/python3", (port) => ["bench/python-peer/server.py", String(port), file, synchronous]);
