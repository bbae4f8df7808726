// `next start` with OTEL_EXPORTER_OTLP_ENDPOINT: instrumentation.ts sets tracing up, and a
// CheckStatusOrder through /api arrives at the collector as one trace across both hops.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import { sendToken } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";

type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number };
type OtlpExport = { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };

const exported: OtlpSpan[] = [];
const collector = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    if (request.url === "/v1/traces") {
      const { resourceSpans } = JSON.parse(body) as OtlpExport;
      exported.push(...resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    }
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
let server: NextServer;
let database: SqliteDatabase;

before(async () => {
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  database = await createSqliteDatabase();
  server = await startNextServer({ databaseUrl: database.url, env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
});
after(async () => {
  await server?.stop();
  await database?.remove();
  await new Promise((resolve) => collector.close(resolve));
});

test("a CheckStatusOrder through /api is one exported trace: /api server span, client span, gRPC server span", async () => {
  const orders = createClient(
    OrderService,
    createConnectTransport({ baseUrl: server.apiUrl, httpVersion: "1.1", interceptors: [sendToken(server.token)] }),
  );
  const order = (await orders.createOrder({ name: "Traced" })).order!;
  await orders.checkStatusOrder({ uuid: order.uuid });

  // The batch processor exports every few seconds.
  const chainName = "check.CheckStatusOrderService/CheckStatusOrder";
  let root: OtlpSpan | undefined;
  let chain: OtlpSpan[] = [];
  for (let waited = 0; waited < 15_000 && chain.length < 2; waited += 200) {
    await sleep(200);
    root = exported.find((span) => span.name === "order.OrderService/CheckStatusOrder");
    chain = exported.filter((span) => span.name === chainName && span.traceId === root?.traceId);
  }
  assert.ok(root, `no server span for CheckStatusOrder among ${exported.map((s) => s.name).join(", ")}`);
  // OTLP span kinds: 2 = server, 3 = client.
  const client = chain.find((span) => span.kind === 3);
  const far = chain.find((span) => span.kind === 2);
  assert.ok(client && far, "the chain's client and server spans share the caller's trace");
  assert.equal(client.parentSpanId, root.spanId);
  assert.equal(far.parentSpanId, client.spanId);
});
