// Health, reflection, the chain and request ids as `next start` serves them: through /api
// and on the gRPC port that instrumentation.ts starts, with the default configuration.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "../gen/health/v1/health_pb";
import { OrderService } from "../gen/order/order_pb";
import { rejectsWith } from "./support/connect-errors";
import { sendToken } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const latencyMs = 300;
let server: NextServer;
let database: SqliteDatabase;

before(async () => {
  database = await createSqliteDatabase();
  server = await startNextServer({ databaseUrl: database.url, env: { CHECK_LATENCY_MS: String(latencyMs) } });
});
after(async () => {
  await server?.stop();
  await database?.remove();
});

const api = () =>
  createConnectTransport({ baseUrl: server.apiUrl, httpVersion: "1.1", interceptors: [sendToken(server.token)] });
const grpc = () => createGrpcTransport({ baseUrl: server.grpcUrl, interceptors: [sendToken(server.token)] });

describe("next start", () => {
  test("health answers SERVING through /api and on the gRPC port", async () => {
    for (const transport of [api(), grpc()]) {
      const health = createClient(Health, transport);
      assert.equal((await health.check({ service: "" })).status, Status.SERVING);
      assert.equal((await health.check({ service: "order.OrderService" })).status, Status.SERVING);
      await rejectsWith(health.check({ service: "nope.Nope" }), Code.NotFound);
    }
  });

  test("buf curl lists the services by reflection on the gRPC port", async () => {
    const { stdout } = await run(
      join(root, "node_modules/.bin/buf"),
      ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "--list-services", server.grpcUrl],
      { cwd: root },
    );
    assert.match(stdout, /^order\.OrderService$/m);
    assert.match(stdout, /^grpc\.health\.v1\.Health$/m);
  });

  test("CheckStatusOrder through /api reaches the checker on the gRPC port, within the deadline or not at all", async () => {
    const orders = createClient(OrderService, api());
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const late = (await orders.createOrder({ name: "Late", date: twoDaysAgo })).order!;
    await rejectsWith(orders.checkStatusOrder({ uuid: late.uuid }, { timeoutMs: 100 }), Code.DeadlineExceeded);
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    assert.equal(
      (await orders.readOrder({ uuid: late.uuid })).order?.completed,
      false,
      "a late answer changed the order",
    );

    let requestId: string | null = null;
    const status = await orders.checkStatusOrder(
      { uuid: late.uuid },
      { timeoutMs: 5_000, onHeader: (headers) => (requestId = headers.get("x-request-id")) },
    );
    assert.equal(status.completed, true);
    assert.equal((await orders.readOrder({ uuid: late.uuid })).order?.completed, true);
    assert.ok(requestId, "x-request-id in the response");
    // The outer call logs once its answer has been sent: on a busy machine, after the client read it.
    const linesOf = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.includes(`"requestId":"${requestId}"`))
        .map((line) => JSON.parse(line) as { procedure: string; code: string });
    for (let waited = 0; linesOf().length < 2 && waited < 5_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(
      linesOf()
        .map((line) => [line.procedure, line.code])
        .sort(),
      [
        ["check.CheckStatusOrderService/CheckStatusOrder", "ok"],
        ["order.OrderService/CheckStatusOrder", "ok"],
      ],
    );
  });
});
