// The gRPC port's HTTP/2 limits against a real listener: a client that resets streams as fast
// as it opens them (rapid reset) is told to calm down and cut off, while another connection is
// served as before; an honest client that cancels a few calls is not.
import assert from "node:assert/strict";
import { connect, constants } from "node:http2";
import type { ClientHttp2Session } from "node:http2";
import { after, before, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health } from "../gen/health/v1/health_pb";
import { createHealthService } from "../server/health/health-service";
import { startGrpcServer } from "../server/rpc/grpc-server";
import { http2Limits, http2ServerSettings } from "../server/rpc/http2-limits";
import type { Http2Server, Http2Session } from "node:http2";

let server: Http2Server;
let url: string;
const sessions = new Set<Http2Session>();

before(async () => {
  server = await startGrpcServer(
    (router) => router.service(Health, createHealthService({ ping: async () => {}, serviceNames: () => [] })),
    { port: 0, host: "127.0.0.1" },
  );
  server.on("session", (session: Http2Session) => sessions.add(session));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

after(async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // The clients' idle connections would keep close() waiting for the idle timeout.
  for (const session of sessions) session.destroy();
  await closed;
});

async function opened(): Promise<ClientHttp2Session> {
  const session = connect(url);
  session.on("error", () => {});
  await new Promise((resolve) => session.once("connect", resolve));
  return session;
}

/** Opens and at once cancels up to `streams` Health.Check streams; the GOAWAY code, if any. */
async function resetStreams(session: ClientHttp2Session, streams: number): Promise<{ sent: number; goaway?: number }> {
  let goaway: number | undefined;
  session.once("goaway", (code: number) => (goaway = code));
  let sent = 0;
  while (sent < streams && !session.destroyed && goaway === undefined) {
    const stream = session.request(
      { ":method": "POST", ":path": "/grpc.health.v1.Health/Check", "content-type": "application/grpc" },
      { endStream: false },
    );
    stream.on("error", () => {});
    stream.close(constants.NGHTTP2_CANCEL);
    sent += 1;
    if (sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { sent, goaway };
}

test("the server advertises its stream limit and tolerates few invalid frames", () => {
  const settings = http2ServerSettings();
  assert.equal(settings.settings.maxConcurrentStreams, http2Limits.maxConcurrentStreams);
  assert.equal(settings.maxSessionInvalidFrames, http2Limits.maxInvalidFrames);
});

test("a rapid-reset flood ends with GOAWAY ENHANCE_YOUR_CALM; another connection is answered meanwhile", async () => {
  const health = createClient(Health, createGrpcTransport({ baseUrl: url }));
  const flood = await opened();
  const result = await resetStreams(flood, 5_000);
  assert.equal(result.goaway, constants.NGHTTP2_ENHANCE_YOUR_CALM);
  assert.ok(result.sent < 5_000, `${result.sent} streams before the GOAWAY`);
  assert.ok(result.sent > http2Limits.maxResetsPerWindow, `${result.sent} streams before the GOAWAY`);
  flood.destroy();
  const started = performance.now();
  assert.equal((await health.check({}, { timeoutMs: 1_000 })).status, 1);
  assert.ok(performance.now() - started < 1_000);
});

test("a client that cancels a few calls keeps its connection", async () => {
  const session = await opened();
  const result = await resetStreams(session, 50);
  assert.equal(result.goaway, undefined);
  assert.equal(session.destroyed, false);
  session.close();
});
