// `npm run db:seed` adds exactly the orders asked for, on both providers, and the list sees them.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { promisify } from "node:util";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { startNextServer } from "./support/next-server";
import { protocols } from "./support/protocol-transports";
import { createPostgresDatabase, postgresUnavailable } from "./support/postgres-database";
import { createSqliteDatabase } from "./support/sqlite-database";

const seed = (url: string, orders: number) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/db-seed.ts", "--orders", String(orders)], {
    cwd: new URL("..", import.meta.url),
    env: { ...process.env, DATABASE_URL: url },
  });

async function checkSeed(url: string) {
  await seed(url, 1_234);
  await seed(url, 10); // adds to what is stored
  const store = createStore(parseConfig({ DATABASE_URL: url }).database);
  try {
    const all = await store.orders.page({}, { field: "date", descending: true }, undefined, 10_000);
    assert.equal(all.length, 1_244);
    assert.deepEqual(await store.orders.count({}), { total: 1_244, estimate: false });
    const completed = all.filter((row) => row.completed).length;
    assert.deepEqual(await store.orders.count({ completed: true }), { total: completed, estimate: false });
    assert.ok(completed > 1_244 / 4 && completed < 1_244 / 2.5, `about a third completed, got ${completed}`);
    assert.ok(new Set(all.map((row) => row.name)).size > 100, "names vary");
    // Stored as Prisma stores them: the search index and the repository's reads agree with the rows.
    const cotton = all.filter((row) => row.name.toLowerCase().includes("cotton")).length;
    assert.deepEqual(await store.orders.count({ nameContains: "Cotton" }), { total: cotton, estimate: false });
  } finally {
    await store.close();
  }
}

test("seeds the requested number of orders on SQLite", async () => {
  const database = await createSqliteDatabase();
  try {
    await checkSeed(database.url);
  } finally {
    await database.remove();
  }
});

const unavailable = await postgresUnavailable();
test("seeds the requested number of orders on PostgreSQL", { skip: unavailable }, async () => {
  const database = await createPostgresDatabase();
  try {
    await checkSeed(database.url);
  } finally {
    await database.drop();
  }
});

test("seeds 4,000 orders beside a running server that has touched the database", async () => {
  const database = await createSqliteDatabase();
  const server = await startNextServer({ databaseUrl: database.url });
  try {
    const orders = createClient(OrderService, protocols[0]!.transport(server));
    await orders.createOrder({ name: "before the seed", date: "2026-01-01" });
    const { stdout } = await seed(database.url, 4_000);
    assert.match(stdout, /seeded 4000 orders/);
    assert.equal((await orders.listOrders({ pageSize: 1 })).totalSize, 4_001);
  } finally {
    await server.stop();
    await database.remove();
  }
});
