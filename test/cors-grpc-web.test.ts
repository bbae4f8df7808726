// CORS as browser gRPC-Web clients need it: the request headers Google's grpc-web,
// connect-web's gRPC-Web transport and @improbable-eng/grpc-web send pass preflight, and a
// script can read grpc-status, grpc-message, status details and custom headers and trailers.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import { after, before, describe, test } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import { nextJsApiRouter } from "@connectrpc/connect-next";
import { EchoMessageSchema, EchoService } from "../gen/echo/echo_pb";
import { parseConfig } from "../server/config.js";
import { createEchoService } from "../server/echo/echo-service";
import { routerOptions } from "../server/rpc/routes";
import { withApiGuards } from "../server/rpc/with-api-guards";
import { withGrpcBridges } from "../server/rpc/with-grpc-bridges";
import { grpcWebFrame } from "./support/raw-grpc-web";

const allowed = "https://grpc-web.example";
const path = "/api/echo.EchoService/ServerStream";

// Request headers each browser client sends beyond the CORS-safelisted ones (and
// credentials, which pass preflight for when auth lands).
const clientHeaders = {
  "Google grpc-web": ["content-type", "x-grpc-web", "x-user-agent", "grpc-timeout"],
  "connect-web gRPC-Web transport": ["content-type", "x-grpc-web", "x-user-agent", "grpc-timeout"],
  "@improbable-eng/grpc-web": ["content-type", "x-grpc-web", "x-user-agent"],
  credentials: ["authorization", "rpc-auth"],
};

// The echo service with a custom response header and trailer, as application metadata would be.
const routes = (router: ConnectRouter) => {
  const echo = createEchoService({ pauseMs: 0 });
  router.service(EchoService, {
    ...echo,
    serverStream: (request, context) => {
      context.responseHeader.set("x-echo-user", request.username);
      context.responseTrailer.set("x-echo-count", "3");
      return echo.serverStream(request, context);
    },
  });
};

let server: Server;
let base = "";
before(async () => {
  // The composition pages/api/[[...connect]].ts serves, on a node:http server.
  const { handler } = nextJsApiRouter({ routes, ...routerOptions, prefix: "/api" });
  const listener = withApiGuards(withGrpcBridges(handler), parseConfig({ CORS_ORIGINS: allowed }).corsOrigins);
  server = createServer(listener as RequestListener);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  assert.ok(address && typeof address === "object");
  base = `http://127.0.0.1:${address.port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe("preflight", () => {
  for (const [client, headers] of Object.entries(clientHeaders)) {
    test(`allows what ${client} sends`, async () => {
      const response = await fetch(`${base}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: allowed,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": headers.join(","),
        },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get("access-control-allow-origin"), allowed);
      const allowedHeaders = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(", ");
      for (const header of headers)
        assert.ok(allowedHeaders.includes(header), `${header} not in ${allowedHeaders.join(", ")}`);
    });
  }
});

describe("a cross-origin response", () => {
  const exposed = (response: Response) =>
    (response.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(", ");
  const body = grpcWebFrame(toBinary(EchoMessageSchema, create(EchoMessageSchema, { username: "ada", message: "hi" })));

  test("exposes the gRPC status headers and the call's own headers in text and binary mode", async () => {
    for (const [contentType, payload] of [
      ["application/grpc-web-text", body.toString("base64")],
      ["application/grpc-web+proto", new Uint8Array(body)],
    ] as const) {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { Origin: allowed, "Content-Type": contentType, "X-Grpc-Web": "1" },
        body: payload,
      });
      await response.arrayBuffer();
      assert.equal(response.headers.get("x-echo-user"), "ada");
      for (const header of ["grpc-status", "grpc-message", "grpc-status-details-bin", "x-echo-user"]) {
        assert.ok(
          exposed(response).includes(header),
          `${contentType}: ${header} not exposed: ${exposed(response).join(", ")}`,
        );
      }
    }
  });

  test("exposes the call's own headers over Connect too", async () => {
    const response = await fetch(`${base}/api/echo.EchoService/ServerStream`, {
      method: "POST",
      headers: { Origin: allowed, "Content-Type": "application/connect+json" },
      body: Buffer.concat([Buffer.from([0, 0, 0, 0, 2]), Buffer.from("{}")]),
    });
    await response.arrayBuffer();
    assert.ok(exposed(response).includes("x-echo-user"), exposed(response).join(", "));
  });

  test("from an origin not in CORS_ORIGINS exposes nothing", async () => {
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { Origin: "https://elsewhere.example", "Content-Type": "application/grpc-web-text" },
      body: body.toString("base64"),
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get("access-control-allow-origin"), null);
    assert.equal(response.headers.get("access-control-expose-headers"), null);
  });
});
