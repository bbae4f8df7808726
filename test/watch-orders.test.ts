// WatchOrders on a real HTTP/2 listener and SQLite: events in commit order on every protocol
// the listener speaks, resume by cursor, the reset when the log no longer covers a cursor,
// heartbeats, slow readers, credentials, and the end of every watch when the server drains.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createClient, createRouterTransport } from "@connectrpc/connect";
import type { Client, Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import type { WatchOrdersResponse } from "../gen/order/order_pb";
import { createRouterOptions, createRoutes } from "../server/rpc/routes";
import { capturedLog } from "./support/captured-log";
import { rejectsFields, rejectsWith } from "./support/connect-errors";
import { sendToken } from "./support/credentials";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";
import { describeWatch, readWatch } from "./support/watch-stream";
import { testActor } from "./support/credentials";

const heartbeatMs = 200;
const bufferSize = 100;
const listener = await grpcListenerOnFreshDatabase({ watch: { heartbeatMs, bufferSize } });
const { store, url, interceptors } = listener;

const transports: Record<string, Transport> = {
  gRPC: createGrpcTransport({ baseUrl: url, interceptors }),
  "Connect (HTTP/2)": createConnectTransport({ baseUrl: url, httpVersion: "2", interceptors }),
  "gRPC-Web (HTTP/2)": createGrpcWebTransport({ baseUrl: url, httpVersion: "2", interceptors }),
};
const orders = createClient(OrderService, transports.gRPC!);

function watch(client: Client<typeof OrderService>, afterCursor = 0n, timeoutMs?: number) {
  return readWatch((signal) => client.watchOrders({ afterCursor }, { signal, timeoutMs }));
}

// Straight into the store, through the same repository (and its poke) as the service: fast.
const createRow = (name: string) =>
  store.orders.create({ uuid: crypto.randomUUID(), name, completed: false, date: new Date() }, testActor);

const isEvent = (message: WatchOrdersResponse) => message.event.case !== "heartbeat";

describe("WatchOrders", () => {
  for (const [name, transport] of Object.entries(transports)) {
    test(`${name}: a heartbeat first, then created, updated and deleted in order with growing cursors`, async () => {
      const client = createClient(OrderService, transport);
      const stream = watch(client);
      try {
        const first = await stream.next();
        assert.equal(first.event.case, "heartbeat");
        const { order } = await client.createOrder({ name: `Paper via ${name}` });
        await client.updateOrder({ uuid: order!.uuid, completed: true, updateMask: { paths: ["completed"] } });
        await client.deleteOrder({ uuid: order!.uuid });
        const events = (await stream.until((message) => message.event.case === "deletedUuid")).filter(isEvent);
        assert.deepEqual(
          events.map((message) => message.event.case),
          ["created", "updated", "deletedUuid"],
        );
        const [created, updated, deleted] = events;
        assert.equal(created!.event.case === "created" && created!.event.value.uuid, order!.uuid);
        assert.equal(created!.event.case === "created" && created!.event.value.name, `Paper via ${name}`);
        assert.equal(updated!.event.case === "updated" && updated!.event.value.completed, true);
        assert.notEqual(
          updated!.event.case === "updated" && updated!.event.value.etag,
          created!.event.case === "created" && created!.event.value.etag,
        );
        assert.equal(deleted!.event.value, order!.uuid);
        const cursors = [first, ...events].map((message) => message.cursor);
        assert.deepEqual(
          cursors,
          [...cursors].sort((a, b) => (a < b ? -1 : 1)),
        );
        assert.equal(new Set(cursors).size, cursors.length, `cursors repeat: ${cursors.join(", ")}`);
      } finally {
        stream.close();
      }
    });
  }

  // Resume and reset over every protocol: each replays from the log its own way (a new call).
  for (const [name, transport] of Object.entries(transports)) {
    test(`${name}: resuming from a cursor replays exactly the missed events, then goes live`, async () => {
      const watcher = createClient(OrderService, transport);
      const first = watch(watcher);
      await first.next();
      const { order: a } = await orders.createOrder({ name: "A" });
      const [createdA] = (await first.until(isEvent)).filter(isEvent);
      first.close();

      const { order: b } = await orders.createOrder({ name: "B" });
      await orders.updateOrder({ uuid: b!.uuid, name: "B2", updateMask: { paths: ["name"] } });
      await orders.deleteOrder({ uuid: a!.uuid });

      const resumed = watch(watcher, createdA!.cursor);
      try {
        const heartbeat = await resumed.next();
        assert.equal(describeWatch(heartbeat), `heartbeat@${createdA!.cursor}`);
        const missed = await resumed.until((message) => message.event.case === "deletedUuid");
        assert.deepEqual(missed.map(describeWatch), [
          `created:B@${createdA!.cursor + 1n}`,
          `updated:B2@${createdA!.cursor + 2n}`,
          `deleted@${createdA!.cursor + 3n}`,
        ]);
        await orders.createOrder({ name: "C" });
        const live = (await resumed.until(isEvent)).filter(isEvent);
        assert.deepEqual(live.map(describeWatch), [`created:C@${createdA!.cursor + 4n}`]);
      } finally {
        resumed.close();
      }
    });

    test(`${name}: a cursor older than the log, or newer than the database, gets a reset at the current cursor`, async () => {
      const watcher = createClient(OrderService, transport);
      const { head: before } = await store.orderEvents.read(0n, 0);
      for (const name of ["D", "E", "F"]) await orders.createOrder({ name });
      assert.ok((await store.orderEvents.prune(1)) >= 2);

      for (const tooNew of [false, true]) {
        const { head } = await store.orderEvents.read(0n, 0);
        const afterCursor = tooNew ? head + 1000n : before;
        const stream = watch(watcher, afterCursor);
        try {
          assert.equal(describeWatch(await stream.next()), `heartbeat@${afterCursor}`);
          assert.equal(describeWatch(await stream.next()), `reset@${head}`);
          await orders.createOrder({ name: "after reset" });
          const [next] = (await stream.until(isEvent)).filter(isEvent);
          assert.equal(describeWatch(next!), `created:after reset@${head + 1n}`);
        } finally {
          stream.close();
        }
      }
      // The newest event kept still resumes without a reset.
      const { head: now } = await store.orderEvents.read(0n, 0);
      const stream = watch(watcher, now);
      try {
        await stream.next();
        assert.equal(describeWatch(await stream.next()), `heartbeat@${now}`);
      } finally {
        stream.close();
      }
    });
  }

  test("a silent stream sends heartbeats that repeat the latest cursor", async () => {
    const stream = watch(orders);
    try {
      const [first, second, third] = [await stream.next(), await stream.next(), await stream.next()];
      for (const message of [second, third]) assert.equal(describeWatch(message), describeWatch(first));
      assert.equal(first.event.case, "heartbeat");
    } finally {
      stream.close();
    }
  });

  test("a reader too slow for its buffer gets one reset, then the events after it", async () => {
    const stream = watch(orders);
    try {
      const { cursor: start } = await stream.next();
      // Written while the test reads nothing: socket and HTTP/2 windows fill, then the buffer.
      const total = 2000;
      for (let i = 0; i < total; i += 500) {
        await Promise.all(Array.from({ length: 500 }, (_, j) => createRow(`slow ${i + j}`)));
      }
      await sleep(500);
      const { head } = await store.orderEvents.read(0n, 0);
      const read = await stream.until((message) => message.cursor === head && isEvent(message));
      const resets = read.filter((message) => message.event.case === "reset");
      const created = read.filter((message) => message.event.case === "created");
      assert.ok(resets.length >= 1, "no reset");
      assert.ok(created.length < total, `every one of ${total} events was delivered`);
      let last = start;
      for (const message of read.filter(isEvent)) {
        assert.ok(message.cursor > last, `cursor ${message.cursor} after ${last}`);
        last = message.cursor;
      }
      console.log(`slow reader: ${created.length} of ${total} events, ${resets.length} reset(s)`);
    } finally {
      stream.close();
    }
  });

  test("a watcher's buffer holds at most its capacity: overflow collapses into one reset", async () => {
    const subscription = await store.orderFeed.subscribe(10);
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => createRow(`b${i}`)));
      const deadline = Date.now() + 30_000;
      while (subscription.buffer.overflows === 0 && Date.now() < deadline) await sleep(20);
      assert.ok(subscription.buffer.overflows > 0);
      assert.ok(subscription.buffer.size <= 10);
      const first = await subscription.buffer.next(1000, new AbortController().signal);
      assert.equal(typeof first === "object" && first.kind, "reset");
    } finally {
      subscription.close();
    }
  });

  test("a negative cursor is INVALID_ARGUMENT; no credentials is UNAUTHENTICATED", async () => {
    await rejectsFields(watch(orders, -1n).next(), ["after_cursor"]);
    const anonymous = createClient(OrderService, createGrpcTransport({ baseUrl: url }));
    await rejectsWith(watch(anonymous).next(), Code.Unauthenticated);
    const connectAnonymous = createClient(OrderService, createConnectTransport({ baseUrl: url, httpVersion: "2" }));
    await rejectsWith(watch(connectAnonymous).next(), Code.Unauthenticated);
  });

  test("a deadline ends the watch with DEADLINE_EXCEEDED", async () => {
    const stream = watch(orders, 0n, 300);
    await stream.next();
    await rejectsWith(stream.ended(), Code.DeadlineExceeded);
  });

  test("every watch ends cleanly when the server starts draining", async () => {
    const draining = new AbortController();
    const log = capturedLog();
    const transport = createRouterTransport(
      createRoutes(store, { logger: log.logger, watch: { heartbeatMs, draining: draining.signal } }),
      { router: createRouterOptions({ logger: log.logger }), transport: { interceptors: [sendToken(listener.token)] } },
    );
    const client = createClient(OrderService, transport);
    const streams = [watch(client), watch(client)];
    for (const stream of streams) await stream.next();
    draining.abort();
    for (const stream of streams) assert.equal(await stream.ended(), true);
  });
});
