import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { ListOrdersRequestSchema, OrderBy } from "../../gen/order/order_pb";
import { parseConfig } from "../../server/config.js";
import { createStore } from "../../server/db/store";
import type { Store } from "../../server/db/store";
import { readOrderPage } from "../../server/orders/order-paging";
import { exactSearchCountCap } from "../../server/orders/order-search";
import { foldName } from "../../server/orders/order-repository";
import { nameSortKey } from "../../lib/name-fold";
import type { ListedRow, OrderFilter, OrderRow } from "../../server/orders/order-repository";
import type { StorageUnderTest } from "./storage-checks";
import { testActor } from "./credentials";

/** A small seeded generator, so a failing case can be replayed from the seed in its message. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return { below, pick: <T>(list: readonly T[]) => list[below(list.length)]! };
}

// Letters that fold (case, ß, Ä, the Kelvin sign), LIKE's wildcards and escape, FTS5's quote,
// scripts without case: what makes the index and the plain rule disagree if anything does.
const alphabet = [..."aAbBcC  %_\\\"'äÄßẞ日本語ΣσςKİı-0"];

/** The counts, search and grouped writes of the storage tuning, the same on every provider. */
export function tuningChecks(provider: "sqlite" | "postgresql", setUp: () => Promise<StorageUnderTest>): void {
  describe(`storage tuning on ${provider}`, () => {
    let storage: StorageUnderTest;
    let store: Store;
    before(async () => {
      storage = await setUp();
      store = createStore(parseConfig({ DATABASE_URL: storage.url }).database);
    });
    after(async () => {
      await store.close();
      await storage.drop();
    });

    const newOrder = (name: string, completed = false) =>
      store.orders.create({ uuid: randomUUID(), name, completed, date: new Date("2024-01-01T00:00:00Z") }, testActor);
    const everyRow = (filter: OrderFilter, manyMatches?: boolean): Promise<ListedRow[]> =>
      store.orders.page(
        filter,
        { field: "date", descending: true },
        undefined,
        100_000,
        manyMatches === undefined ? undefined : { manyMatches },
      );

    // In deletes of 500 rows, one transaction each, as a batch delete makes them: row by row,
    // the 10,001 rows of the search-cap test took minutes on PostgreSQL.
    async function removeAll(rows: readonly { uuid: string }[]) {
      for (let i = 0; i < rows.length; i += 500)
        await store.orders.removeMany(
          rows.slice(i, i + 500).map(({ uuid }) => ({ uuid })),
          testActor,
        );
    }

    async function assertCountsExact(message: string) {
      for (const completed of [undefined, true, false]) {
        const count = await store.orders.count({ completed });
        assert.deepEqual(
          count,
          { total: (await everyRow({ completed })).length, estimate: false },
          `${message}, completed=${completed}`,
        );
      }
    }

    test("counts stay exact through concurrent creates, toggles and deletes", async () => {
      await assertCountsExact("empty");
      const created = await Promise.all(Array.from({ length: 60 }, (_, i) => newOrder(`Counted ${i}`, i % 3 === 0)));
      await assertCountsExact("after creates");
      // Toggles both ways, renames that leave completed alone, deletes and more creates, all at once.
      await Promise.all([
        ...created.slice(0, 20).map((row) => store.orders.update(row.uuid, { completed: !row.completed }, testActor)),
        ...created
          .slice(20, 30)
          .map((row) =>
            store.orders.update(row.uuid, { name: `${row.name} renamed`, completed: row.completed }, testActor),
          ),
        ...created.slice(30, 45).map((row) => store.orders.remove(row.uuid, testActor)),
        ...Array.from({ length: 15 }, (_, i) => newOrder(`Counted late ${i}`, i % 2 === 0)),
      ]);
      await assertCountsExact("after concurrent changes");
      await removeAll(await everyRow({}));
      await assertCountsExact("after deleting every order");
    });

    test("a rejected create in a group fails alone and leaves the counts exact", async () => {
      const taken = randomUUID();
      const results = await Promise.allSettled([
        store.orders.create({ uuid: taken, name: "First", completed: false, date: new Date() }, testActor),
        ...Array.from({ length: 10 }, (_, i) => newOrder(`Neighbour ${i}`, true)),
        store.orders.create({ uuid: taken, name: "Same uuid", completed: true, date: new Date() }, testActor),
      ]);
      assert.deepEqual(
        results.map((result) => result.status),
        ["fulfilled", ...Array<string>(10).fill("fulfilled"), "rejected"],
      );
      assert.equal((await store.orders.find(taken)).name, "First");
      // What a grouped create answers is what is stored, to the millisecond.
      for (const result of results.slice(1, 11)) {
        const answered = (result as PromiseFulfilledResult<OrderRow>).value;
        assert.deepEqual(await store.orders.find(answered.uuid), answered);
      }
      await assertCountsExact("after a rejected create");
      await removeAll(await everyRow({}));
    });

    test("past the counting cap a name search reports an estimate, never below the cap", async () => {
      // Stored as an import stores them (several INSERTs of 500 rows per transaction): the
      // counts are kept by the database's triggers whichever way rows arrive.
      const date = new Date("2024-01-01T00:00:00Z");
      const rows = Array.from({ length: exactSearchCountCap + 1 }, (_, i): OrderRow => {
        const name = i % 2 ? `Common ${i}` : `common ${i}`;
        return {
          uuid: randomUUID(),
          name,
          nameFolded: foldName(name),
          nameKey: nameSortKey(name),
          completed: i % 2 === 0,
          date,
          createTime: date,
          updateTime: date,
          version: 1,
          createdBy: testActor.subject,
          updatedBy: testActor.subject,
        };
      });
      for (let i = 0; i < rows.length; i += 2_000)
        await store.orders.importRows(
          rows.slice(i, i + 2_000).map((row, index) => ({ line: i + index + 2, row })),
          testActor,
        );
      const count = await store.orders.count({ nameContains: "COMMON" });
      assert.equal(count.estimate, true);
      assert.ok(count.total > exactSearchCountCap && count.total <= rows.length, `estimate ${count.total}`);
      assert.deepEqual(await store.orders.count({ nameContains: "common", completed: true }), {
        total: Math.ceil(rows.length / 2),
        estimate: false,
      });
      const page = await readOrderPage(
        store.orders,
        create(ListOrdersRequestSchema, { pageSize: 5, nameContains: "common" }),
      );
      assert.deepEqual([page.rows.length, page.totalSizeIsEstimate], [5, true]);
      await removeAll(rows);
      await assertCountsExact("after the common names are gone");
    });

    test("search through the index returns exactly what the plain substring rule returns", async () => {
      const seed = Date.now() % 100_000;
      const random = randomFrom(seed);
      const word = (length: number) => Array.from({ length }, () => random.pick(alphabet)).join("");
      const names = Array.from(
        { length: 150 },
        (_, i) => `${word(1 + random.below(12))}${i % 10 === 0 ? " Cotton" : ""}`.trim() || "x",
      );
      const rows = await Promise.all(names.map((name, i) => newOrder(name, i % 2 === 0)));
      const queries = [
        ...Array.from({ length: 40 }, () => {
          const name = random.pick(names);
          const start = random.below(name.length);
          const slice = name.slice(start, start + 1 + random.below(5));
          return random.below(2) ? slice.toUpperCase() : slice;
        }),
        ...Array.from({ length: 20 }, () => word(1 + random.below(4))),
        "cotton",
        "COTTON",
        "%",
        "_",
        "\\",
        '"',
      ];
      for (const nameContains of queries) {
        const needle = foldName(nameContains.trim());
        if (!needle) continue;
        for (const completed of [undefined, true]) {
          const expected = rows
            .filter(
              (row) => foldName(row.name).includes(needle) && (completed === undefined || row.completed === completed),
            )
            .map((row) => row.uuid)
            .sort();
          const context = `seed ${seed}, query ${JSON.stringify(nameContains)}, completed=${completed}`;
          // The service trims name_contains before the repository sees it.
          const filter = { nameContains: nameContains.trim(), completed };
          // Both plans: the trigram index (a rare name) and the sort-index walk (a common one).
          for (const manyMatches of [false, true]) {
            const found = (await everyRow(filter, manyMatches)).map((row) => row.uuid).sort();
            assert.deepEqual(found, expected, `${context}, manyMatches=${manyMatches}`);
          }
          assert.deepEqual(await store.orders.count(filter), { total: expected.length, estimate: false }, context);
          // Paged through the service's own paging, in small pages, by name.
          const paged: string[] = [];
          let pageToken = "";
          do {
            const request = create(ListOrdersRequestSchema, {
              pageSize: 7,
              nameContains,
              completed,
              orderBy: OrderBy.NAME_ASC,
              pageToken,
            });
            const page = await readOrderPage(store.orders, request);
            paged.push(...page.rows.map((row) => row.uuid));
            pageToken = page.nextPageToken;
          } while (pageToken);
          assert.deepEqual(paged.sort(), expected, `${context}, paged`);
        }
      }
      await removeAll(rows);
    });
  });
}
