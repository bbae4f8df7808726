import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createConnection, createServer } from "node:net";
import { delimiter, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { config } from "../../server/config.js";

// nginx and Caddy run from the very files in deploy/, with only their ports replaced, in front
// of app instances a test started.

const root = resolve(import.meta.dirname, "../..");
const proxies = ["nginx", "caddy"] as const;
type ProxyName = (typeof proxies)[number];

/** The two instances' ports, which deploy/ calls 3001/3002 (HTTP) and 50101/50102 (gRPC). */
export type Upstreams = { http: [number, number]; grpc: [number, number] };

export type ReverseProxy = {
  name: ProxyName;
  /** Where browsers and HTTP callers reach the app through the proxy. */
  httpUrl: string;
  /** Where gRPC callers reach the instances' gRPC ports through the proxy (cleartext HTTP/2), if it does. */
  grpcUrl?: string;
  /** Resolves once the proxy has printed a line matching `pattern` (its error log). */
  logged(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

/** The binary's path on PATH (or in /usr/sbin, where Debian puts nginx), or undefined. */
function binary(name: ProxyName): string | undefined {
  const folders = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/bin"];
  return folders
    .map((folder) => join(folder, name))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * Why the proxy tests are skipped, or undefined when they run. With REQUIRE_PROXIES (CI) they
 * always run, so missing binaries fail them (with the reason printed) instead of going green.
 */
export function proxiesSkipReason(): string | undefined {
  const missing = proxies.filter((name) => binary(name) === undefined);
  if (missing.length === 0) return undefined;
  const reason = `${missing.join(" and ")} not installed (apt-get install -y nginx caddy)`;
  if (config.requireProxies) {
    console.error(`REQUIRE_PROXIES is set and ${reason}: the proxy tests will fail`);
    return undefined;
  }
  console.warn(`SKIPPED: ${reason}`);
  return reason;
}

/** Whether `port` can be listened on now; with 0, any free port the kernel picks. */
async function freePort(port = 0): Promise<number | undefined> {
  const server = createServer();
  const bound = await new Promise<boolean>((done) => {
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => done(true));
  });
  if (!bound) return undefined;
  const { port: taken } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return taken;
}

/** A port nothing listens on now (the proxies take their ports from their config files). */
const anyFreePort = async () => (await freePort())!;

/**
 * Free ports below Linux's ephemeral range (32768 and up): once a test stops the server on
 * one, no other process's bind to port 0 can take it over and answer the proxy in its place.
 */
export async function portsOutsideEphemeralRange(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (!ports.includes(candidate) && (await freePort(candidate)) !== undefined) ports.push(candidate);
  }
  return ports;
}

/** `text` with every occurrence of each key replaced; a key that no longer occurs is an error. */
function withPorts(file: string, text: string, replacements: Record<string, string>): string {
  let result = text;
  for (const [from, to] of Object.entries(replacements)) {
    if (!result.includes(from)) throw new Error(`${file} no longer contains "${from}"; update the proxy test`);
    result = result.replaceAll(from, to);
  }
  return result;
}

async function listening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let tries = 0; ; tries++) {
    const connected = await new Promise<boolean>((done) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => done(true));
      socket.once("error", () => done(false));
      socket.once("connect", () => socket.destroy());
    });
    if (connected) return;
    if (child.exitCode !== null || tries > 200) throw new Error(`the proxy did not start:\n${output()}`);
    await sleep(50);
  }
}

async function run(
  name: ProxyName,
  args: string[],
  env: Record<string, string>,
  ports: { http: number; grpc?: number },
): Promise<ReverseProxy> {
  let output = "";
  const child = spawn(binary(name)!, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (const port of [ports.http, ports.grpc]) if (port !== undefined) await listening(port, child, () => output);
  return {
    name,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    ...(ports.grpc !== undefined && { grpcUrl: `http://127.0.0.1:${ports.grpc}` }),
    logged: async (pattern, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) throw new Error(`${name} did not log ${pattern} within ${timeoutMs} ms:\n${output}`);
        await sleep(50);
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** nginx with deploy/nginx.conf, in a minimal main configuration of its own under `dir`. */
export async function startNginx(upstreams: Upstreams, dir: string): Promise<ReverseProxy> {
  const ports = { http: await anyFreePort(), grpc: await anyFreePort() };
  const site = withPorts("deploy/nginx.conf", await readFile(join(root, "deploy/nginx.conf"), "utf8"), {
    "listen 80;": `listen 127.0.0.1:${ports.http};`,
    "listen 50090 http2;": `listen 127.0.0.1:${ports.grpc} http2;`,
    "127.0.0.1:3001": `127.0.0.1:${upstreams.http[0]}`,
    "127.0.0.1:3002": `127.0.0.1:${upstreams.http[1]}`,
    "127.0.0.1:50101": `127.0.0.1:${upstreams.grpc[0]}`,
    "127.0.0.1:50102": `127.0.0.1:${upstreams.grpc[1]}`,
  });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "orders.conf"), site);
  // What Debian's /etc/nginx/nginx.conf provides, kept to this folder; one worker, so round
  // robin alternates between the instances request by request.
  await writeFile(
    join(dir, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log info;`,
      "events {}",
      "http {",
      `  access_log ${dir}/access.log;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/${kind};`),
      `  include ${dir}/orders.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  return run("nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")], {}, ports);
}

/** Caddy with deploy/Caddyfile (HTTP only), keeping its state under `dir`. */
export async function startCaddy(upstreams: Upstreams["http"], dir: string): Promise<ReverseProxy> {
  const ports = { http: await anyFreePort() };
  const caddyfile = withPorts("deploy/Caddyfile", await readFile(join(root, "deploy/Caddyfile"), "utf8"), {
    "admin localhost:2019": `admin 127.0.0.1:${await anyFreePort()}`,
    ":80 {": `:${ports.http} {`,
    "127.0.0.1:3001": `127.0.0.1:${upstreams[0]}`,
    "127.0.0.1:3002": `127.0.0.1:${upstreams[1]}`,
  });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "Caddyfile"), caddyfile);
  const state = { HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  return run("caddy", ["run", "--adapter", "caddyfile", "--config", join(dir, "Caddyfile")], state, ports);
}
