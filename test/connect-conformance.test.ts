// The Connect conformance cases this server can meet, re-created over real sockets: every code
// with its HTTP status (Connect) and grpc-status (gRPC-Web), and gzip both ways on each protocol of `next start`.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http2";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { before, describe, test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import {
  compressionGzip,
  connectNodeAdapter,
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import { routerOptions } from "../server/rpc/routes";
import { EchoService } from "../gen/echo/echo_pb";
import { appPerFile } from "./support/app-per-file";
import { rejectsWith } from "./support/connect-errors";
import { sendToken } from "./support/credentials";
import { protocols } from "./support/protocol-transports";
import { http2Session } from "./support/raw-rpc";

const app = appPerFile({ ECHO_PAUSE_MS: "1000" });

// The Connect protocol's table (connectrpc.com/docs/protocol#error-codes).
const httpStatusByCode: Record<Code, number> = {
  [Code.Canceled]: 499,
  [Code.Unknown]: 500,
  [Code.InvalidArgument]: 400,
  [Code.DeadlineExceeded]: 504,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.PermissionDenied]: 403,
  [Code.ResourceExhausted]: 429,
  [Code.FailedPrecondition]: 400,
  [Code.Aborted]: 409,
  [Code.OutOfRange]: 400,
  [Code.Unimplemented]: 501,
  [Code.Internal]: 500,
  [Code.Unavailable]: 503,
  [Code.DataLoss]: 500,
  [Code.Unauthenticated]: 401,
};

describe("the sixteen codes", () => {
  // A handler that fails with the code named in the request, behind the app's router options
  // (so its error-mapping interceptor passes Connect errors through unchanged).
  const failing = (router: ConnectRouter) =>
    router.service(OrderService, {
      readOrder: ({ uuid }) => {
        throw new ConnectError(`failing with ${uuid}`, Number(uuid));
      },
    });

  test("map to the Connect HTTP statuses, and travel as grpc-status on gRPC-Web", async () => {
    const server = createServer(connectNodeAdapter({ routes: failing, ...routerOptions }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const grpcWeb = createClient(OrderService, createGrpcWebTransport({ baseUrl, httpVersion: "1.1" }));
      for (const code of Object.keys(httpStatusByCode).map(Number) as Code[]) {
        const response = await fetch(`${baseUrl}/order.OrderService/ReadOrder`, {
          method: "POST",
          headers: { "content-type": "application/json", "connect-protocol-version": "1" },
          body: JSON.stringify({ uuid: String(code) }),
        });
        const body = (await response.json()) as { code: string };
        assert.equal(response.status, httpStatusByCode[code], Code[code]);
        assert.equal(
          body.code,
          Code[code].replace(/[A-Z]/g, (c, at: number) => (at ? "_" : "") + c.toLowerCase()),
        );
        const viaGrpcWeb = await grpcWeb.readOrder({ uuid: String(code) }).then(
          () => undefined,
          (error: unknown) => ConnectError.from(error).code,
        );
        assert.equal(viaGrpcWeb, code, `${Code[code]} over gRPC-Web`);
      }
    } finally {
      server.close();
    }
  });
});

describe("gzip both ways", () => {
  // Records what the server said it compressed the answer with.
  const encodings: string[] = [];
  const recordEncoding: Interceptor = (next) => async (request) => {
    const response = await next(request);
    encodings.push(response.header.get("content-encoding") ?? response.header.get("grpc-encoding") ?? "none");
    return response;
  };
  const gzipBothWays = {
    sendCompression: compressionGzip,
    acceptCompression: [compressionGzip],
    compressMinBytes: 0,
    interceptors: [recordEncoding, sendToken(() => Promise.resolve(app.server.token))],
  };
  const transports = {
    "Connect JSON": () => createConnectTransport({ baseUrl: app.server.apiUrl, httpVersion: "1.1", ...gzipBothWays }),
    "Connect binary": () =>
      createConnectTransport({
        baseUrl: app.server.apiUrl,
        httpVersion: "1.1",
        useBinaryFormat: true,
        ...gzipBothWays,
      }),
    "gRPC-Web": () => createGrpcWebTransport({ baseUrl: app.server.apiUrl, httpVersion: "1.1", ...gzipBothWays }),
    gRPC: () => createGrpcTransport({ baseUrl: app.server.grpcUrl, ...gzipBothWays }),
  };
  // connect-node compresses answers over 1 KiB only: enough orders that a list is larger.
  before(async () => {
    const orders = createClient(OrderService, transports["Connect JSON"]());
    for (let i = 0; i < 8; i += 1) await orders.createOrder({ name: `Padding ${i} ${"x".repeat(150)}` });
  });
  for (const [name, transport] of Object.entries(transports)) {
    test(`${name}: a gzipped request gets a gzipped answer`, async () => {
      const orders = createClient(OrderService, transport());
      const name_ = `Gzip ${name}`;
      const { order } = await orders.createOrder({ name: name_ });
      await orders.listOrders({ pageSize: 20 });
      assert.equal(order?.name, name_);
      assert.equal(encodings.at(-1), "gzip", `${name}: the list answer was not gzipped`);
    });
  }
});

describe("deadlines", () => {
  // The echo ServerStream pauses a second between answers (ECHO_PAUSE_MS): a 200 ms deadline
  // passes during the first pause, on every protocol, and the call ends right after it.
  for (const protocol of protocols) {
    test(`${protocol.name}: a 200 ms deadline is DEADLINE_EXCEEDED`, async () => {
      const echo = createClient(EchoService, protocol.transport(app.server));
      const started = performance.now();
      const received: string[] = [];
      const error = await rejectsWith(
        (async () => {
          for await (const reply of echo.serverStream({ username: "c", message: "slow" }, { timeoutMs: 200 })) {
            received.push(reply.message);
          }
        })(),
        Code.DeadlineExceeded,
      );
      const elapsed = performance.now() - started;
      console.log(`${protocol.name}: DEADLINE_EXCEEDED after ${Math.round(elapsed)} ms (${error.rawMessage})`);
      assert.ok(received.length <= 1, `answers after the deadline: ${received.join(", ")}`);
    });
  }
});

describe("malformed Connect requests get a 4xx, on /api and on the gRPC port alike", () => {
  const truncatedGzip = new Uint8Array(gzipSync("{}").subarray(0, 12));
  const cases = [
    {
      what: "a truncated protobuf body",
      type: "application/proto",
      body: new Uint8Array([0x0a, 0x05, 0x61]),
      status: 400,
    },
    { what: "a gzip body cut short", type: "application/json", encoding: "gzip", body: truncatedGzip, status: 400 },
    { what: "an unsupported compression", type: "application/json", encoding: "snappy", body: "{}", status: 415 },
  ];

  /** One Connect POST to CreateOrder: over HTTP/1.1 for /api, over cleartext HTTP/2 for the gRPC port. */
  async function post(port: "/api" | "gRPC port", headers: Record<string, string>, body: Uint8Array | string) {
    if (port === "/api") {
      const response = await fetch(`${app.server.apiUrl}/order.OrderService/CreateOrder`, {
        method: "POST",
        headers,
        body: Buffer.from(body),
      });
      return {
        status: response.status,
        acceptEncoding: response.headers.get("accept-encoding"),
        text: await response.text(),
      };
    }
    const session = http2Session(app.server.grpcUrl);
    try {
      const stream = session.request({ ":method": "POST", ":path": "/order.OrderService/CreateOrder", ...headers });
      const [answer] = (await once(stream.end(body), "response")) as [IncomingHttpHeaders];
      let text = "";
      for await (const chunk of stream) text += String(chunk);
      return { status: Number(answer[":status"]), acceptEncoding: answer["accept-encoding"] ?? null, text };
    } finally {
      session.close();
    }
  }

  for (const port of ["/api", "gRPC port"] as const) {
    for (const { what, type, encoding, body, status } of cases) {
      test(`${what} on ${port}: HTTP ${status}`, async () => {
        const headers = {
          "content-type": type,
          "rpc-auth": app.server.token,
          ...(encoding && { "content-encoding": encoding }),
        };
        const answer = await post(port, headers, body);
        const { code } = JSON.parse(answer.text) as { code: string };
        assert.deepEqual(
          { status: answer.status, code },
          { status, code: status === 415 ? "unimplemented" : "invalid_argument" },
        );
        if (status === 415) assert.equal(answer.acceptEncoding, "gzip,br");
      });
    }
  }
});
