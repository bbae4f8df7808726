// total_size of a name search: exact up to the counting cap, an estimate past it, on both
// providers (PostgreSQL first samples random blocks and leaves common searches uncounted).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { foldName } from "../server/orders/order-repository";
import { nameSortKey } from "../lib/name-fold";
import { exactSearchCountCap } from "../server/orders/order-search";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import type { SeedRow } from "../scripts/seed/seed-orders";
import { createPostgresDatabase, postgresUnavailable } from "./support/postgres-database";
import { createSqliteDatabase } from "./support/sqlite-database";

const common = 50_000;
const rare = 25;

function rows(count: number, name: (index: number) => string, completed: (index: number) => boolean): SeedRow[] {
  const now = new Date();
  return Array.from({ length: count }, (_, index) => ({
    uuid: randomUUID(),
    name: name(index),
    nameFolded: foldName(name(index)),
    nameKey: nameSortKey(name(index)),
    completed: completed(index),
    date: now,
    createTime: now,
  }));
}

async function checkCounts(url: string) {
  const database = parseConfig({ DATABASE_URL: url }).database;
  const writer = await openSeedWriter(database);
  await writer.write(
    rows(
      common,
      (index) => `Cotton shirt #${index}`,
      (index) => index % 2 === 0,
    ),
  );
  await writer.write(
    rows(
      rare,
      (index) => `Silk scarf #${index}`,
      () => true,
    ),
  );
  await writer.close();
  const store = createStore(database);
  try {
    assert.deepEqual(await store.orders.count({ nameContains: "SILK" }), { total: rare, estimate: false });
    assert.deepEqual(await store.orders.count({ nameContains: "silk", completed: false }), {
      total: 0,
      estimate: false,
    });
    // "shirt #1" matches #1, #10–#19, #100–#199, #1000–#1999 and #10000–#19999: 11,111 orders.
    const tens = await store.orders.count({ nameContains: "shirt #1" });
    assert.equal(tens.estimate, true);
    assert.ok(tens.total > exactSearchCountCap && tens.total <= common, `estimated ${tens.total}`);
    const cotton = await store.orders.count({ nameContains: "cotton" });
    assert.equal(cotton.estimate, true);
    assert.ok(Math.abs(cotton.total - common) <= common * 0.2, `estimated ${cotton.total} of ${common}`);
    const completed = await store.orders.count({ nameContains: "cotton", completed: true });
    assert.equal(completed.estimate, true);
    assert.ok(completed.total > exactSearchCountCap && completed.total <= common / 2 + rare, `got ${completed.total}`);
    // "shirt #12": #12, #120–#129, #1200–#1299 and #12000–#12999, under the cap, so exact.
    assert.deepEqual(await store.orders.count({ nameContains: "shirt #12" }), { total: 1_111, estimate: false });
  } finally {
    await store.close();
  }
}

test("counts a name search exactly up to the cap and estimates past it on SQLite", async () => {
  const database = await createSqliteDatabase();
  try {
    await checkCounts(database.url);
  } finally {
    await database.remove();
  }
});

const unavailable = await postgresUnavailable();
test(
  "counts a name search exactly up to the cap and estimates past it on PostgreSQL",
  { skip: unavailable },
  async () => {
    const database = await createPostgresDatabase();
    try {
      await checkCounts(database.url);
    } finally {
      await database.drop();
    }
  },
);
