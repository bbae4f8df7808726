import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { LoadResult } from "./load-result";

// A Lua string holding any bytes: every byte as a decimal escape.
const luaBytes = (bytes: Uint8Array) => `"${Array.from(bytes, (byte) => `\\${byte}`).join("")}"`;

function milliseconds(text: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/**
 * HTTP/1.1 load with wrk (C, event loop per thread, keep-alive): `callers` connections for
 * `seconds`, all POSTing `body`, or GETting `url` when there is none (a Connect GET carries its
 * message in the query). Errors are answers outside 2xx/3xx and socket errors.
 */
export async function wrkLoad(options: {
  url: string;
  contentType?: string;
  body?: Uint8Array;
  callers: number;
  seconds: number;
  /** Sent with every request, e.g. the app's `rpc-auth` token. */
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), "orders-wrk-"));
  try {
    const script = join(dir, "request.lua");
    const request = options.body
      ? `wrk.method = "POST"\nwrk.headers["Content-Type"] = "${options.contentType}"\n` +
        `wrk.body = ${luaBytes(options.body)}\n`
      : `wrk.method = "GET"\n`;
    await writeFile(
      script,
      request +
        Object.entries(options.headers ?? {})
          .map(([name, value]) => `wrk.headers["${name}"] = "${value}"\n`)
          .join(""),
    );
    const threads = String(Math.min(2, options.callers));
    const { stdout } = await promisify(execFile)("wrk", [
      "-t",
      threads,
      "-c",
      String(options.callers),
      "-d",
      `${options.seconds}s`,
      "--latency",
      "-s",
      script,
      options.url,
    ]);
    const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
    return {
      requests,
      errors,
      perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0),
      p50Ms: milliseconds(/ 50%\s+(\S+)/.exec(stdout)?.[1] ?? ""),
      p99Ms: milliseconds(/ 99%\s+(\S+)/.exec(stdout)?.[1] ?? ""),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
