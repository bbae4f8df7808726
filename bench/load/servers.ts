import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** A benchmark server in its own process group: its base URL and how to stop it. */
export type BenchServer = { pid: number; url: string; stop: () => Promise<void> };

// Each server binds port 0 and names the port it got ("ready PORT"): nothing can take it in between.
async function startUntilReady(
  command: string,
  args: (port: number) => string[],
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const child = spawn(command, args(0), {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
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

/** Node arguments and environment that load the GC probe (gc-probe.mjs) writing to `file`. */
export const gcProbe = (file: string) => ({
  nodeArgs: ["--import", resolve(root, "bench/load/gc-probe.mjs")],
  env: { GC_PROBE_FILE: file },
});

const nodeServer = (script: string, file: string, synchronous: Synchronous, probeFile: string) => {
  const probe = gcProbe(probeFile);
  return startUntilReady(
    process.execPath,
    (port) => [...probe.nodeArgs, "--import", "tsx", script, String(port), file, synchronous],
    probe.env,
  );
};

/** The bare server of this stack over HTTP/2 (bench/bare-server.ts) on a migrated SQLite file. */
export const startBareServer = (file: string, synchronous: Synchronous, probeFile: string) =>
  nodeServer("bench/bare-server.ts", file, synchronous, probeFile);

/** The bare server of this stack over HTTP/1.1 (bench/bare-http1-server.ts), the browser path's anchor. */
export const startBareHttp1Server = (file: string, synchronous: Synchronous, probeFile: string) =>
  nodeServer("bench/bare-http1-server.ts", file, synchronous, probeFile);

/** The Python peer (bench/python-peer/server.py) on its own SQLite file. */
export const startPythonPeer = (file: string, synchronous: Synchronous) =>
  startUntilReady("/usr/bin/python3", (port) => ["bench/python-peer/server.py", String(port), file, synchronous]);
