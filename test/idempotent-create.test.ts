// CreateOrder with a request_id (AIP-155): retries answer the first call's order, never a second.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import type { DatabaseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { pruneExpiredRequestIds } from "../server/orders/order-retention";
import { rejectsFields, rejectsWithReason } from "./support/connect-errors";
import { retried } from "./support/retried";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { routerClients, routerClientsOnFreshDatabase } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";
import { testActor } from "./support/credentials";

const postgresSkip = await postgresSkipReason();

/**
 * 1,000 concurrent creates, 100 of whose request_ids are sent twice, each duplicate right after
 * its first. With two instances (two stores on the same database, as two app processes), half
 * of the pairs are split between them. Exactly 900 orders, each pair answered with one.
 */
async function race(database: DatabaseConfig, instances: 1 | 2): Promise<void> {
  const stores = Array.from({ length: instances }, () => createStore(database));
  const clients = stores.map((store) => routerClients(store).orders);
  try {
    const request = (i: number) => ({ name: `Retried ${i}`, completed: i % 3 === 0, requestId: `race-${i}` });
    // As a client with a request_id does: UNAVAILABLE (no pool connection in time, on a busy
    // machine) is retried, and the retry must still answer with the one order.
    const unavailable = (error: unknown) => ConnectError.from(error).code === Code.Unavailable;
    const create = (client: (typeof clients)[number], i: number) =>
      retried(() => client.createOrder(request(i)), unavailable);
    const calls = Array.from({ length: 900 }, (_, i) => {
      const client = clients[i % instances]!;
      if (i >= 100) return [create(client, i)];
      const other = i < 50 ? client : clients[(i + 1) % instances]!;
      return [create(client, i), create(other, i)];
    });
    const answers = await Promise.all(calls.map((pair) => Promise.all(pair)));
    for (const [i, pair] of answers.entries()) {
      const uuids = new Set(pair.map(({ order }) => order!.uuid));
      assert.equal(uuids.size, 1, `request_id race-${i} created ${uuids.size} orders`);
      assert.deepEqual(
        pair.map(({ order }) => [order!.name, order!.completed, order!.etag]),
        pair.map(() => [`Retried ${i}`, i % 3 === 0, '"1"']),
      );
    }
    assert.equal(new Set(answers.map((pair) => pair[0]!.order!.uuid)).size, 900);
    for (const client of clients) assert.equal((await client.listOrders({ pageSize: 1 })).totalSize, 900);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

describe("1,000 concurrent creates, 100 request_ids sent twice, leave 900 orders", () => {
  test("on SQLite", async () => {
    const database = await createSqliteDatabase();
    try {
      // One instance: SQLite is one process's database by design.
      await race({ provider: "sqlite", file: database.file }, 1);
    } finally {
      await database.remove();
    }
  });

  test("on PostgreSQL", { skip: postgresSkip }, async () => {
    const database = await createPostgresDatabase();
    try {
      await race({ provider: "postgresql", url: database.url }, 2);
    } finally {
      await database.drop();
    }
  });
});

describe("a create's request_id", () => {
  test("duplicates in flight together share one write", async () => {
    const { store } = await routerClientsOnFreshDatabase();
    const order = () => ({ uuid: randomUUID(), name: "Shared", completed: false, date: new Date() });
    const request = { requestId: "in-flight", fingerprint: "same" };
    const [a, b] = await Promise.all([
      store.orders.create(order(), testActor, request),
      store.orders.create(order(), testActor, request),
    ]);
    assert.equal(a, b);
    assert.equal((await store.orders.count({})).total, 1);
  });

  test("a retry answers the order as it is now; after a delete, NOT_FOUND saying so", async () => {
    const { orders } = await routerClientsOnFreshDatabase();
    const request = { name: "Paper", requestId: "retry-after-change" };
    const { order } = await orders.createOrder(request);
    const { order: updated } = await orders.updateOrder({
      uuid: order!.uuid,
      completed: true,
      updateMask: { paths: ["completed"] },
    });
    assert.deepEqual((await orders.createOrder(request)).order, updated);
    await orders.deleteOrder({ uuid: order!.uuid });
    const { error, metadata } = await rejectsWithReason(orders.createOrder(request), Code.NotFound, "ORDER_DELETED");
    assert.match(error.message, /has since been deleted/);
    assert.deepEqual(metadata, { uuid: order!.uuid, request_id: request.requestId });
    assert.equal((await orders.listOrders({})).orders.length, 0);
  });

  test("an empty date is the same request on a retry, though 'now' has moved on", async () => {
    const { orders } = await routerClientsOnFreshDatabase();
    const first = await orders.createOrder({ name: "Now", requestId: "empty-date" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await orders.createOrder({ name: " Now ", requestId: "empty-date" })).order?.uuid, first.order?.uuid);
    // The same instant written another way is the same date.
    const dated = await orders.createOrder({ name: "Dated", date: "2024-05-01", requestId: "dated" });
    const again = await orders.createOrder({ name: "Dated", date: "2024-05-01T00:00:00Z", requestId: "dated" });
    assert.equal(again.order?.uuid, dated.order?.uuid);
  });

  test("the same request_id with another name, completed or date is ALREADY_EXISTS", async () => {
    const { orders } = await routerClientsOnFreshDatabase();
    const request = { name: "Ink", completed: false, date: "2024-05-01T10:00:00Z", requestId: "reused" };
    await orders.createOrder(request);
    for (const other of [{ name: "Pen" }, { completed: true }, { date: "2024-05-02T10:00:00Z" }, { date: "" }]) {
      const { error, metadata } = await rejectsWithReason(
        orders.createOrder({ ...request, ...other }),
        Code.AlreadyExists,
        "REQUEST_ID_REUSED",
      );
      assert.match(error.message, /new request_id/);
      assert.deepEqual(metadata, { request_id: "reused" });
    }
    // Concurrent, in flight together: one is created, the other refused.
    const racing = await Promise.allSettled([
      orders.createOrder({ name: "A", requestId: "racing" }),
      orders.createOrder({ name: "B", requestId: "racing" }),
    ]);
    // Either may arrive first.
    assert.deepEqual(racing.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
    const refused = racing.find((result) => result.status === "rejected");
    assert.equal(ConnectError.from(refused?.reason).code, Code.AlreadyExists);
    assert.equal((await orders.listOrders({})).orders.length, 2);
  });

  test("must be 1..128 printable ASCII characters", async () => {
    const { orders } = await routerClientsOnFreshDatabase();
    for (const requestId of ["x".repeat(129), "naïve", "tab\there", "line\n"]) {
      await rejectsFields(orders.createOrder({ name: "Bad", requestId }), ["request_id"]);
    }
    const longest = "~".repeat(128);
    assert.ok((await orders.createOrder({ name: "Fine", requestId: longest })).order);
  });

  test("is forgotten 24 hours after it was stored, by the retention prune", async () => {
    const { store, orders } = await routerClientsOnFreshDatabase();
    const { order } = await orders.createOrder({ name: "Kept", requestId: "kept-a-day" });
    const hour = 60 * 60 * 1000;
    assert.equal(await pruneExpiredRequestIds(store.orders, new Date(Date.now() + 23 * hour)), 0);
    assert.equal((await orders.createOrder({ name: "Kept", requestId: "kept-a-day" })).order?.uuid, order?.uuid);
    assert.equal(await pruneExpiredRequestIds(store.orders, new Date(Date.now() + 25 * hour)), 1);
    const fresh = await orders.createOrder({ name: "Another", requestId: "kept-a-day" });
    assert.notEqual(fresh.order?.uuid, order?.uuid);
  });
});
