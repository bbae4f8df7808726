// WatchOrders on PostgreSQL: the feed hears writes made by any connection (LISTEN/NOTIFY,
// also after its LISTEN connection was killed), and two real app instances on one database,
// migrated side by side, stream each other's writes and list the same orders.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import pg from "pg";
import { OrderService } from "../gen/order/order_pb";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { newAuthSecret } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { protocols } from "./support/protocol-transports";
import { runCommand } from "./support/run-command";
import { readWatch } from "./support/watch-stream";

const skip = await postgresSkipReason();

async function insertBySql(client: pg.Client, name: string): Promise<string> {
  const uuid = randomUUID();
  await client.query(
    `INSERT INTO orders (uuid, name, name_folded, completed, date, create_time, update_time)
     VALUES ($1, $2, lower($2), false, now(), now(), now())`,
    [uuid, name],
  );
  return uuid;
}

describe("WatchOrders on PostgreSQL", { skip }, () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  before(async () => {
    database = await createPostgresDatabase({ migrate: false });
  });
  after(() => database?.drop());

  test("two instances migrate and start side by side, stream each other's writes and agree", async () => {
    // What two `npm start` do at once on a fresh database: one migrates, the other waits for
    // the lock and then finds nothing pending.
    const migrations = await Promise.all(
      [1, 2].map(() => runCommand("npm", ["run", "-s", "db:migrate"], { DATABASE_URL: database.url }, 120_000)),
    );
    for (const result of migrations) assert.equal(result.code, 0, result.stdout + result.stderr);

    const AUTH_SECRET = newAuthSecret();
    const servers: NextServer[] = await Promise.all(
      [1, 2].map(() => startNextServer({ databaseUrl: database.url, env: { AUTH_SECRET, WATCH_HEARTBEAT_MS: "500" } })),
    );
    after(() => Promise.all(servers.map((server) => server.stop())));
    const [a, b] = servers as [NextServer, NextServer];
    const [connectJson, , , , grpc] = protocols;
    const onA = createClient(OrderService, connectJson!.transport(a));
    const onB = createClient(OrderService, grpc!.transport(b));

    const watchB = readWatch((signal) => onB.watchOrders({}, { signal }));
    const watchA = readWatch((signal) => onA.watchOrders({}, { signal }));
    try {
      await Promise.all([watchA.next(), watchB.next()]);
      const { order: made } = await onA.createOrder({ name: "Made on A" });
      await onB.updateOrder({ uuid: made!.uuid, completed: true, updateMask: { paths: ["completed"] } });
      for (const stream of [watchA, watchB]) {
        const seen = await stream.until((message) => message.event.case === "updated");
        const events = seen.filter((message) => message.event.case !== "heartbeat");
        assert.deepEqual(
          events.map((message) => message.event.case),
          ["created", "updated"],
        );
        assert.equal(events[0]!.event.case === "created" && events[0]!.event.value.uuid, made!.uuid);
      }
      const [listA, listB] = await Promise.all([onA.listOrders({}), onB.listOrders({})]);
      assert.deepEqual(
        listA.orders.map((order) => [order.uuid, order.completed]),
        listB.orders.map((order) => [order.uuid, order.completed]),
      );
      assert.deepEqual(
        listA.orders.map((order) => order.uuid),
        [made!.uuid],
      );
    } finally {
      watchA.close();
      watchB.close();
    }
  });

  test("the feed hears a plain SQL insert from another connection, and again after LISTEN was cut", async () => {
    // No poll within the test: only a notification can wake the feed.
    const store: Store = createStore({ provider: "postgresql", url: database.url }, { feed: { pollMs: 600_000 } });
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const subscription = await store.orderFeed.subscribe(100);
    const signal = new AbortController().signal;
    const nextEvent = async () => {
      for (;;) {
        const item = await subscription.buffer.next(30_000, signal);
        assert.notEqual(item, "silence", "no event within 30 s");
        if (typeof item === "object" && item.kind === "event") return item.event;
      }
    };
    try {
      const first = await insertBySql(sql, "By SQL");
      assert.deepEqual(await nextEvent().then((event) => [event.kind, event.orderUuid]), ["created", first]);

      // The listening backend is killed (a failover, an admin): the feed reconnects and hears again.
      const killed = await sql.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
      );
      assert.equal(killed.rowCount, 1);
      const second = await insertBySql(sql, "After the cut");
      assert.deepEqual(await nextEvent().then((event) => [event.kind, event.orderUuid]), ["created", second]);
    } finally {
      subscription.close();
      await sql.end();
      await store.close();
    }
  });
});
