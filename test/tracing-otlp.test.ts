// Traces leave over OTLP/HTTP when an endpoint is configured; the configuration decides.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import { ConfigError, parseConfig } from "../server/config.js";
import { startOtlpTracing } from "../server/observability/tracing";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";

describe("configuration", () => {
  test("tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set", () => {
    assert.equal(parseConfig({}).otlpEndpoint, undefined);
    assert.equal(
      parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).otlpEndpoint,
      "http://collector:4318",
    );
    assert.throws(
      () => parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith("OTEL_EXPORTER_OTLP_ENDPOINT"),
    );
  });

  test("the chain calls this server's own gRPC port unless CHECK_SERVICE_URL says otherwise", () => {
    // Unset: the port this process binds, known only once bound (see check-client.ts).
    assert.equal(parseConfig({ GRPC_PORT: "50123" }).checkServiceUrl, undefined);
    assert.equal(parseConfig({ CHECK_SERVICE_URL: "http://checker:9000" }).checkServiceUrl, "http://checker:9000");
    assert.equal(parseConfig({}).checkLatencyMs, 1000);
  });
});

test("spans reach an OTLP/HTTP collector at <endpoint>/v1/traces", async () => {
  const received: { path: string; contentType: string; body: string }[] = [];
  const collector = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ path: request.url ?? "", contentType: request.headers["content-type"] ?? "", body });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  after(() => new Promise((resolve) => collector.close(resolve)));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

  const provider = await startOtlpTracing(endpoint, "orders-otlp-test");
  const app = await grpcListenerOnFreshDatabase();
  await createClient(
    OrderService,
    createGrpcTransport({ baseUrl: app.url, interceptors: app.interceptors }),
  ).listOrders({});
  await provider.forceFlush();
  await provider.shutdown();

  const export_ = received.find((request) => request.path === "/v1/traces");
  assert.ok(export_, `no export among ${JSON.stringify(received.map((r) => r.path))}`);
  assert.match(export_.body, /order\.OrderService\/ListOrders/);
  assert.match(export_.body, /orders-otlp-test/);
});
