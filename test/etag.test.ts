// Optimistic concurrency (AIP-154): UpdateOrder and DeleteOrder with an etag change the order
// only if nobody else has since; a stale etag is ABORTED and changes nothing.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import type { DatabaseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { rejectsFields, rejectsWith, rejectsWithReason } from "./support/connect-errors";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { routerClients } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";

const postgresSkip = await postgresSkipReason();
const app = await grpcListenerOnFreshDatabase();
const clients = {
  gRPC: createClient(OrderService, createGrpcTransport({ baseUrl: app.url, interceptors: app.interceptors })),
  Connect: createClient(
    OrderService,
    createConnectTransport({ baseUrl: app.url, httpVersion: "2", interceptors: app.interceptors }),
  ),
};

for (const [protocol, orders] of Object.entries(clients)) {
  describe(`etag over ${protocol}`, () => {
    test("a stale etag is ABORTED and changes nothing; the current one applies and moves on", async () => {
      const { order } = await orders.createOrder({ name: "Paper", date: "2024-05-01T10:00:00Z" });
      const stale = order!.etag;
      const { order: renamed } = await orders.updateOrder({
        uuid: order!.uuid,
        name: "Ink",
        updateMask: { paths: ["name"] },
        etag: stale,
      });
      assert.notEqual(renamed!.etag, stale);

      for (const call of [
        orders.updateOrder({ uuid: order!.uuid, completed: true, updateMask: { paths: ["completed"] }, etag: stale }),
        orders.deleteOrder({ uuid: order!.uuid, etag: stale }),
      ]) {
        const { error, metadata } = await rejectsWithReason(call, Code.Aborted, "ETAG_MISMATCH");
        assert.match(error.message, /read it again/);
        assert.deepEqual(metadata, { uuid: order!.uuid, etag: renamed!.etag });
      }
      assert.deepEqual((await orders.readOrder({ uuid: order!.uuid })).order, renamed);

      await orders.deleteOrder({ uuid: order!.uuid, etag: renamed!.etag });
      await rejectsWith(orders.readOrder({ uuid: order!.uuid }), Code.NotFound);
    });

    test("an etag on a missing order is NOT_FOUND; a malformed one is INVALID_ARGUMENT", async () => {
      const uuid = randomUUID();
      await rejectsWith(orders.updateOrder({ uuid, name: "Gone", etag: '"1"' }), Code.NotFound);
      await rejectsWith(orders.deleteOrder({ uuid, etag: '"1"' }), Code.NotFound);
      const { order } = await orders.createOrder({ name: "Kept" });
      for (const etag of ["1", '"0"', '"abc"', 'W/"1"', '"99999999999"']) {
        await rejectsFields(orders.updateOrder({ uuid: order!.uuid, name: "Bad", etag }), ["etag"]);
        await rejectsFields(orders.deleteOrder({ uuid: order!.uuid, etag }), ["etag"]);
      }
      assert.deepEqual((await orders.readOrder({ uuid: order!.uuid })).order, order);
    });
  });
}

describe("etags", () => {
  const orders = clients.Connect;

  test("create, read, list and update agree, and every write moves the etag on", async () => {
    const { order } = await orders.createOrder({ name: "Agreed", date: "2024-05-01T10:00:00Z" });
    assert.equal(order!.etag, '"1"');
    assert.equal((await orders.readOrder({ uuid: order!.uuid })).order?.etag, order!.etag);
    const listed = (await orders.listOrders({ pageSize: 500 })).orders.find(({ uuid }) => uuid === order!.uuid);
    assert.equal(listed?.etag, order!.etag);
    // Without an etag a write applies whatever is stored, as before, and still moves it on.
    const { order: updated } = await orders.updateOrder({ uuid: order!.uuid, name: "Agreed", completed: false });
    assert.equal(updated!.etag, '"2"');
    assert.equal((await orders.readOrder({ uuid: order!.uuid })).order?.etag, updated!.etag);
    await orders.checkStatusOrder({ uuid: order!.uuid });
    assert.equal((await orders.readOrder({ uuid: order!.uuid })).order?.etag, '"3"');
  });
});

/** Writers that all read the same etag, racing: exactly one applies, the rest are ABORTED. */
async function etagRace(database: DatabaseConfig): Promise<void> {
  const store = createStore(database);
  const { orders } = routerClients(store);
  try {
    const { order } = await orders.createOrder({ name: "Contended" });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2
          ? orders.updateOrder({
              uuid: order!.uuid,
              name: `Writer ${i}`,
              updateMask: { paths: ["name"] },
              etag: order!.etag,
            })
          : orders.deleteOrder({ uuid: order!.uuid, etag: order!.etag })
        ).then(
          () => "applied",
          (error: unknown) => Code[ConnectError.from(error).code],
        ),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome === "applied").length, 1, outcomes.join(", "));
    assert.ok(outcomes.every((outcome) => outcome === "applied" || outcome === "Aborted" || outcome === "NotFound"));
  } finally {
    await store.close();
  }
}

describe("writers racing with the same etag: exactly one applies", () => {
  test("on SQLite", async () => {
    const database = await createSqliteDatabase();
    try {
      await etagRace({ provider: "sqlite", file: database.file });
    } finally {
      await database.remove();
    }
  });

  test("on PostgreSQL", { skip: postgresSkip }, async () => {
    const database = await createPostgresDatabase();
    try {
      await etagRace({ provider: "postgresql", url: database.url });
    } finally {
      await database.drop();
    }
  });
});
