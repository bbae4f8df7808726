import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseConfig } from "../../server/config.js";
import { createStore } from "../../server/db/store";
import { encodeSecret, issueTestToken, newAuthSecret } from "./credentials";

const root = resolve(import.meta.dirname, "../..");
const startTimeoutMs = 60_000;

/** A production Next server (the API on PORT, native gRPC on GRPC_PORT) run by a test. */
export type NextServer = {
  /** Leader of the server's process group (benchmarks read its CPU time and memory). */
  pid: number;
  port: number;
  grpcPort: number;
  /** The Connect base URL, as browsers and external callers use it. */
  apiUrl: string;
  grpcUrl: string;
  /** A service token recorded in the server's database: the transports in protocol-transports.ts send it. */
  token: string;
  /** The server's AUTH_SECRET, for tests that sign their own tokens (expired, unrecorded). */
  authSecret: Uint8Array;
  /** Everything the server printed so far: where causes of errors are logged. */
  output: () => string;
  /** The `next start` process, for tests that signal it themselves. */
  process: ChildProcess;
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: () => Promise<number | NodeJS.Signals | null>;
  stop: () => Promise<void>;
};

export type NextServerOptions = {
  databaseUrl: string;
  env?: Record<string, string>;
  /** Node options NODE_OPTIONS refuses (e.g. `--cpu-prof`), given to the node that runs Next. */
  nodeArgs?: string[];
  /** The ports to listen on; by default the kernel picks free ones at bind time. */
  ports?: { http: number; grpc: number };
};

type StartSettings = { nodeOptions: string; nodeFlags: string };
const startSettings = (): StartSettings =>
  (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { config: StartSettings }).config;

/**
 * The heap settings `npm start` gives `next start` (package.json `config.nodeOptions`), so
 * tests and benchmarks run the server as users do; NODE_OPTIONS given after them still win.
 */
export function productionNodeOptions(extra: string | undefined): string {
  return [startSettings().nodeOptions, extra].filter(Boolean).join(" ");
}

/**
 * The V8 flags `npm start` puts on node's own command line (package.json `config.nodeFlags`):
 * Node refuses them in NODE_OPTIONS.
 */
export function productionNodeFlags(): string[] {
  return startSettings().nodeFlags.split(" ").filter(Boolean);
}

/** The build folder the tests serve from: NEXT_DIST_DIR, as next.config.ts reads it. */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

function requireBuild(): void {
  const buildId = join(root, distDir(), "BUILD_ID");
  if (!existsSync(buildId)) {
    throw new Error(
      `No production build in ${distDir()}/ (missing ${buildId}). Run \`npm run build\` first` +
        (process.env.NEXT_DIST_DIR ? ` with NEXT_DIST_DIR=${process.env.NEXT_DIST_DIR}.` : "."),
    );
  }
}

/**
 * The ports the server bound, from its log. Both listeners bind port 0, so the kernel picks
 * each port at bind time: no window between choosing a free port and using it.
 */
function boundPorts(output: string): { port: number; grpcPort: number } | undefined {
  const port = /Local:\s+http:\/\/[^\s]+:(\d+)/.exec(output)?.[1];
  const grpcPort = /gRPC listening on :(\d+)/.exec(output)?.[1];
  return port && grpcPort ? { port: Number(port), grpcPort: Number(grpcPort) } : undefined;
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((response) => response.arrayBuffer());
    return true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolveExit) => child.once("exit", (code, signal) => resolveExit(code ?? signal)));
}

/**
 * Starts `next start` from the existing production build (it never builds: that is
 * `npm run build`), on ports the kernel picks and the given database, and waits until the
 * API answers and the gRPC port is bound. Migrations are the caller's job,
 * as `npm start` runs them before `next start`.
 */
export async function startNextServer({
  databaseUrl,
  env = {},
  nodeArgs = [],
  ports = { http: 0, grpc: 0 },
}: NextServerOptions): Promise<NextServer> {
  requireBuild();
  // `next start` runs with NODE_ENV=production, which requires a secret; each server its own.
  const secret = env.AUTH_SECRET ?? newAuthSecret();
  const token = await tokenOn(databaseUrl, secret);
  let output = "";
  // detached: a process group of its own, so stop() also ends anything Next forks.
  const nextArgs = ["start", "--port", String(ports.http), "--hostname", "127.0.0.1"];
  const node = [...productionNodeFlags(), ...nodeArgs];
  const child = spawn(process.execPath, [...node, join(root, "node_modules/next/dist/bin/next"), ...nextArgs], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // The CheckStatusOrder chain's simulated fulfilment system answers at once unless a test says otherwise.
      CHECK_LATENCY_MS: "0",
      ...env,
      AUTH_SECRET: secret,
      DATABASE_URL: databaseUrl,
      GRPC_PORT: String(ports.grpc),
      GRPC_HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: distDir(),
      NODE_ENV: "production",
      NODE_OPTIONS: productionNodeOptions(env.NODE_OPTIONS ?? process.env.NODE_OPTIONS),
    },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const done = exited(child);
    process.kill(-child.pid, "SIGTERM");
    // Unref'd: a pending grace timer must not keep the test process alive after the exit.
    const stopped = await Promise.race([done.then(() => true), sleep(5_000, false, { ref: false })]);
    if (!stopped) {
      process.kill(-child.pid, "SIGKILL");
      await done;
    }
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    const bound = boundPorts(output);
    if (bound && (await httpAnswers(`http://127.0.0.1:${bound.port}/api/order.OrderService/ListOrders`))) {
      const { port, grpcPort } = bound;
      const apiUrl = `http://127.0.0.1:${port}/api`;
      return {
        pid: child.pid!,
        port,
        grpcPort,
        apiUrl,
        grpcUrl: `http://127.0.0.1:${grpcPort}`,
        token,
        authSecret: encodeSecret(secret),
        output: () => output,
        process: child,
        exited: () => exited(child),
        stop,
      };
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within ${startTimeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
}

/** A token recorded in the (already migrated) database, as `npm run token` makes one. */
async function tokenOn(databaseUrl: string, secret: string): Promise<string> {
  const store = createStore(parseConfig({ DATABASE_URL: databaseUrl }).database);
  try {
    return await issueTestToken(store, encodeSecret(secret));
  } finally {
    await store.close();
  }
}
