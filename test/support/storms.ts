// The abusive callers of issue 19, each against a real server over loopback, and the probe that
// measures what everyone else gets meanwhile. Shared by test/abuse-storms.test.ts (scaled to
// stay quick) and bench/abuse-storms.ts (the figures).
import { request as httpRequest, Agent } from "node:http";
import { connect, constants } from "node:http2";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { EchoService } from "../../gen/echo/echo_pb";
import { groupRssMiB } from "../../bench/load/process-stats";
import type { NextServer } from "./next-server";

/**
 * The most resident memory the server may reach under any storm (docs/limits.md): the 384 MB
 * heap `npm start` allows plus what lives outside it (buffers, zlib, code).
 */
export const peakRssBoundMiB = 640;

/** How many times the abuser got each answer (a Connect code name, an HTTP status, "ok", "GOAWAY …"). */
export type Codes = Record<string, number>;

const count = (codes: Codes, code: string) => void (codes[code] = (codes[code] ?? 0) + 1);

const codeName = (error: unknown) => Code[ConnectError.from(error).code] ?? "unknown";

/** 1 MB of text: under the 1 MiB a message may carry. */
const megabyte = "x".repeat(1_000_000);

/**
 * Streams `totalMb` megabytes of 1 MB messages to echo ClientStream, `parallel` streams at a
 * time, opening a new stream whenever the server ends one, as an abuser keeps trying.
 */
export async function streamToClientStream(
  server: NextServer,
  port: "grpc" | "api",
  totalMb: number,
  parallel = 4,
): Promise<Codes> {
  const codes: Codes = {};
  let sent = 0;
  const echo = () =>
    createClient(
      EchoService,
      port === "grpc"
        ? createGrpcTransport({ baseUrl: server.grpcUrl })
        : createConnectTransport({ baseUrl: server.apiUrl, httpVersion: "1.1", useBinaryFormat: true }),
    );
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      const client = echo();
      while (sent < totalMb) {
        async function* messages() {
          while (sent < totalMb) {
            sent += 1;
            await Promise.resolve();
            yield { username: "abuser", message: megabyte };
          }
        }
        try {
          await client.clientStream(messages(), { timeoutMs: 60_000 });
          count(codes, "ok");
        } catch (error) {
          count(codes, codeName(error));
        }
      }
    }),
  );
  return codes;
}

/**
 * `calls` unpaged ListOrders at once on /api (Connect JSON over HTTP/1.1), each asking for
 * `encoding`; the answers are read in full and dropped (never decompressed).
 */
export async function listingStorm(
  server: NextServer,
  token: string,
  calls: number,
  encoding: "gzip" | "br",
): Promise<Codes> {
  const codes: Codes = {};
  const agent = new Agent({ keepAlive: true, maxSockets: calls });
  const url = new URL(`${server.apiUrl}/order.OrderService/ListOrders`);
  const one = () =>
    new Promise<string>((resolve) => {
      const request = httpRequest(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "accept-encoding": encoding,
            "rpc-auth": token,
            "connect-timeout-ms": "120000",
          },
        },
        (response) => {
          response.on("data", () => {});
          response.on("end", () => resolve(String(response.statusCode)));
          response.on("error", () => resolve("reset"));
        },
      );
      request.on("error", (error) => resolve(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
      request.end("{}");
    });
  const statuses = await Promise.all(Array.from({ length: calls }, one));
  for (const status of statuses)
    count(codes, status === "200" ? "ok" : status === "429" ? "RESOURCE_EXHAUSTED (429)" : status);
  agent.destroy();
  return codes;
}

/**
 * HTTP/2 rapid reset: opens a ListOrders stream and cancels it at once, `streams` times, as
 * fast as the connection allows; reconnects when the server ends the connection.
 */
export async function rapidResets(server: NextServer, streams: number): Promise<Codes> {
  const codes: Codes = {};
  let opened = 0;
  while (opened < streams) {
    const session = connect(server.grpcUrl);
    let goneAway = false;
    session.on("error", () => {});
    const ended = new Promise<void>((resolve) => {
      session.once("goaway", (errorCode: number) => {
        count(
          codes,
          errorCode === constants.NGHTTP2_ENHANCE_YOUR_CALM ? "GOAWAY ENHANCE_YOUR_CALM" : `GOAWAY ${errorCode}`,
        );
        resolve();
      });
      session.once("close", () => {
        if (!goneAway) count(codes, "connection closed");
        resolve();
      });
    });
    void ended.then(() => (goneAway = true));
    await new Promise<void>((resolve) => (session.connecting ? session.once("connect", () => resolve()) : resolve()));
    while (!goneAway && opened < streams && !session.destroyed) {
      try {
        const stream = session.request(
          {
            ":method": "POST",
            ":path": "/order.OrderService/ListOrders",
            "content-type": "application/grpc",
            te: "trailers",
          },
          { endStream: false },
        );
        stream.on("error", () => {});
        stream.close(constants.NGHTTP2_CANCEL);
        opened += 1;
        count(codes, "reset sent");
      } catch {
        break;
      }
      // Yield now and then so frames go out and the server's answers come in.
      if (opened % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    session.destroy();
    await ended;
  }
  return codes;
}

/** What a well-behaved caller saw during a storm. */
export type ProbeResult = { calls: number; worstMs: number; failures: Codes };

/**
 * Another caller (its own token) reading a page of 10 orders on /api and on the gRPC port in
 * turn, every `everyMs`, until stopped, on a worker thread: the worst latency is what fairness
 * promises to bound.
 */
export async function startProbe(server: NextServer, token: string, everyMs = 100) {
  // tsx registered on the thread itself: Node 20 loads a worker's own .ts file before --import hooks apply.
  const probeFile = new URL("./probe-worker.ts", import.meta.url).href;
  const worker = new Worker(
    `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(probeFile)}); })`,
    { eval: true, workerData: { apiUrl: server.apiUrl, grpcUrl: server.grpcUrl, token, everyMs } },
  );
  const messages: ((message: unknown) => void)[] = [];
  worker.on("message", (message) => messages.shift()?.(message));
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      messages.push(resolve);
      worker.once("error", reject);
    });
  await next(); // "ready"
  const result = next() as Promise<ProbeResult>;
  return {
    stop: async () => {
      worker.postMessage("stop");
      const figures = await result;
      await worker.terminate();
      return figures;
    },
  };
}

/** Samples the server's resident memory until stopped; its peak in MiB. */
export function startRssSampler(server: NextServer, everyMs = 50) {
  let peak = groupRssMiB(server.pid);
  const timer = setInterval(() => (peak = Math.max(peak, groupRssMiB(server.pid))), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, groupRssMiB(server.pid));
    },
  };
}

/** What one storm did: the abuser's answers, the probe's worst wait, the server's peak memory. */
export type StormFigures = { codes: Codes; probe: ProbeResult; peakRssMiB: number; seconds: number; alive: boolean };

/** Runs `storm` with the probe and the memory sampler around it. */
export async function measureStorm(
  server: NextServer,
  probeToken: string,
  storm: () => Promise<Codes>,
): Promise<StormFigures> {
  const rss = startRssSampler(server);
  const probe = await startProbe(server, probeToken);
  const started = performance.now();
  const codes = await storm();
  const seconds = (performance.now() - started) / 1000;
  // One more probe after the storm: the server still answers.
  await sleep(200);
  const figures = { codes, probe: await probe.stop(), peakRssMiB: rss.stop(), seconds };
  const alive = server.process.exitCode === null && server.process.signalCode === null;
  return { ...figures, alive };
}
