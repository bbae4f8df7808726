// grpc.health.v1.Health over a real HTTP/2 listener, with the database taken away and back.
import assert from "node:assert/strict";
import { rename } from "node:fs/promises";
import { describe, test } from "node:test";
import { Code, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "../gen/health/v1/health_pb";
import type { HealthCheckResponse } from "../gen/health/v1/health_pb";
import { rejectsWith } from "./support/connect-errors";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";

const draining = new AbortController();
const app = await grpcListenerOnFreshDatabase({ healthWatchIntervalMs: 20, draining: draining.signal });
const grpc = createClient(Health, createGrpcTransport({ baseUrl: app.url }));
const connect = createClient(Health, createConnectTransport({ baseUrl: app.url, httpVersion: "2" }));
const registered = [
  "order.OrderService",
  "order.OrderHistoryService",
  "order.OrderBulkService",
  "check.CheckStatusOrderService",
  "echo.EchoService",
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
];

// The SQLite file's folder moves away: the store's reconnect cannot open it, as with a lost volume.
async function takeDatabaseAway(): Promise<() => Promise<void>> {
  await app.store.close();
  await rename(app.dir, `${app.dir}-away`);
  return () => rename(`${app.dir}-away`, app.dir);
}

async function nextStatus(updates: AsyncIterator<HealthCheckResponse>): Promise<Status> {
  const result = await updates.next();
  if (result.done) throw new Error("Watch ended");
  return result.value.status;
}

describe("Check", () => {
  for (const [protocol, client] of [
    ["gRPC", grpc],
    ["Connect", connect],
  ] as const) {
    test(`answers SERVING for the server and each service over ${protocol}`, async () => {
      for (const service of ["", ...registered]) {
        assert.equal((await client.check({ service })).status, Status.SERVING, service);
      }
    });

    test(`answers NOT_FOUND for an unknown service over ${protocol}`, async () => {
      await rejectsWith(client.check({ service: "order.NoSuchService" }), Code.NotFound);
    });
  }

  test("List names every registered service", async () => {
    const { statuses } = await grpc.list({});
    assert.deepEqual(Object.keys(statuses).sort(), ["", ...registered].sort());
  });
});

describe("Watch", () => {
  test("streams SERVING, NOT_SERVING while the database is gone, and SERVING again", async () => {
    const abort = new AbortController();
    const updates = grpc.watch({ service: "order.OrderService" }, { signal: abort.signal })[Symbol.asyncIterator]();
    const next = () => nextStatus(updates);
    try {
      assert.equal(await next(), Status.SERVING);
      const bringBack = await takeDatabaseAway();
      try {
        assert.equal(await next(), Status.NOT_SERVING);
        assert.equal((await grpc.check({ service: "" })).status, Status.NOT_SERVING);
      } finally {
        await bringBack();
      }
      assert.equal(await next(), Status.SERVING);
      assert.equal((await grpc.check({ service: "" })).status, Status.SERVING);
    } finally {
      abort.abort();
    }
  });

  test("keeps watching an unknown service as SERVICE_UNKNOWN", async () => {
    const abort = new AbortController();
    const updates = grpc.watch({ service: "order.NoSuchService" }, { signal: abort.signal })[Symbol.asyncIterator]();
    assert.equal(await nextStatus(updates), Status.SERVICE_UNKNOWN);
    abort.abort();
  });
});

// Last: the listener stays draining.
describe("shutdown", () => {
  test("a shutdown turns every status NOT_SERVING, and a Watch says so and ends", async () => {
    const updates = grpc.watch({ service: "" })[Symbol.asyncIterator]();
    assert.equal(await nextStatus(updates), Status.SERVING);
    draining.abort();
    assert.equal(await nextStatus(updates), Status.NOT_SERVING);
    assert.equal((await updates.next()).done, true);
    assert.equal((await connect.check({ service: "order.OrderService" })).status, Status.NOT_SERVING);
  });
});
