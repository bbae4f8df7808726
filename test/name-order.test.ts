import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import Database from "better-sqlite3";
import { OrderBy } from "../gen/order/order_pb";
import type { ListOrdersRequest } from "../gen/order/order_pb";
import { foldText, nameSortKey } from "../lib/name-fold";
import { backfillNameKeys } from "../scripts/db/backfill-name-keys";
import { applyMigrations } from "../scripts/db/migrations";
import type { DatabaseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { rejectsFields } from "./support/connect-errors";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { routerClients } from "./support/router-clients";

type Clients = ReturnType<typeof routerClients>;
type ListInput = Partial<Omit<ListOrdersRequest, "$typeName">>;

test("the sort key reads names as people do", () => {
  const names = ["Zebra", "lowercase apples", "éclair", "apples", "Acme 30", "Acme 3", "Acme 29", "Äpfel"];
  const sorted = names.toSorted((a, b) => Buffer.compare(Buffer.from(nameSortKey(a)), Buffer.from(nameSortKey(b))));
  assert.deepEqual(sorted, ["Acme 3", "Acme 29", "Acme 30", "Äpfel", "apples", "éclair", "lowercase apples", "Zebra"]);
  assert.equal(foldText("Café Crème"), "cafe creme");
  assert.equal(nameSortKey("Order 007"), nameSortKey("order 7"));
});

/** A fresh database of each provider; PostgreSQL only when one answers. */
async function freshSqlite(): Promise<{ database: DatabaseConfig; drop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "orders-name-order-"));
  const database = { provider: "sqlite", file: join(dir, "orders.db") } as const;
  await applyMigrations(database);
  return { database, drop: () => rm(dir, { recursive: true, force: true }) };
}

async function freshPostgres(): Promise<{ database: DatabaseConfig; drop: () => Promise<void> }> {
  const { url, drop } = await createPostgresDatabase();
  return { database: { provider: "postgresql", url }, drop };
}

async function clientsOn(fresh: () => Promise<{ database: DatabaseConfig; drop: () => Promise<void> }>) {
  const { database, drop } = await fresh();
  const store = createStore(database);
  const close = async () => {
    await store.close();
    await drop();
  };
  return { close, ...routerClients(store) };
}

/** Every page of a listing, two at a time, forward; checks the total on each page. */
async function listAll(clients: Clients, request: ListInput): Promise<string[]> {
  const names: string[] = [];
  let response = await clients.orders.listOrders({ ...request, pageSize: 2 });
  const total = response.totalSize;
  names.push(...response.orders.map((order) => order.name));
  while (response.nextPageToken) {
    response = await clients.orders.listOrders({ ...request, pageSize: 2, pageToken: response.nextPageToken });
    assert.equal(response.totalSize, total);
    names.push(...response.orders.map((order) => order.name));
  }
  assert.equal(names.length, total, "the total counts what the pages hold");
  return names;
}

async function deleteAll(clients: Clients) {
  for (;;) {
    const { orders } = await clients.orders.listOrders({ pageSize: 500 });
    if (orders.length === 0) return;
    for (const order of orders) await clients.orders.deleteOrder({ uuid: order.uuid });
  }
}

const postgresSkip = await postgresSkipReason();
const providers = [
  { name: "SQLite", fresh: freshSqlite, skip: undefined },
  { name: "PostgreSQL", fresh: freshPostgres, skip: postgresSkip },
];

for (const provider of providers) {
  describe(`names, searches and date ranges on ${provider.name}`, { skip: provider.skip }, () => {
    let clients: Clients & { close: () => Promise<void> };
    after(() => clients?.close());
    const names = ["Zebra", "lowercase apples", "éclair", "apples", "Acme 30", "Acme 3", "Acme 29", "Café crème"];
    before(async () => {
      clients = await clientsOn(provider.fresh);
      for (const [index, name] of names.entries()) {
        await clients.orders.createOrder({ name, date: `2026-12-0${index + 1}T12:00:00Z` });
      }
    });

    test("names sort case- and accent-insensitively, digits as numbers, across pages", async () => {
      const natural = ["Acme 3", "Acme 29", "Acme 30", "apples", "Café crème", "éclair", "lowercase apples", "Zebra"];
      assert.deepEqual(await listAll(clients, { orderBy: OrderBy.NAME_ASC }), natural);
      assert.deepEqual(await listAll(clients, { orderBy: OrderBy.NAME_DESC }), natural.toReversed());
    });

    test("a search ignores accents both ways", async () => {
      assert.deepEqual(await listAll(clients, { nameContains: "cafe" }), ["Café crème"]);
      assert.deepEqual(await listAll(clients, { nameContains: "ÉCLAIR" }), ["éclair"]);
      // Three or more characters go through the trigram indexes, shorter ones scan.
      assert.deepEqual(await listAll(clients, { nameContains: "cré" }), ["Café crème"]);
    });

    test("a date range is inclusive at its start, exclusive at its end, and counted", async () => {
      const request = {
        orderBy: OrderBy.DATE_ASC,
        dateFrom: timestampFromDate(new Date("2026-12-02T12:00:00Z")),
        dateTo: timestampFromDate(new Date("2026-12-06T12:00:00Z")),
      };
      assert.deepEqual(await listAll(clients, request), ["lowercase apples", "éclair", "apples", "Acme 30"]);
      assert.deepEqual(await listAll(clients, { ...request, orderBy: OrderBy.NAME_ASC }), [
        "Acme 30",
        "apples",
        "éclair",
        "lowercase apples",
      ]);
      assert.deepEqual(await listAll(clients, { ...request, nameContains: "app" }), ["lowercase apples", "apples"]);
      assert.deepEqual(await listAll(clients, { dateFrom: request.dateTo, orderBy: OrderBy.DATE_ASC }), [
        "Acme 3",
        "Acme 29",
        "Café crème",
      ]);
    });

    test("a page token is refused with another date range, and an empty range is INVALID_ARGUMENT", async () => {
      const dateFrom = timestampFromDate(new Date("2026-12-01T00:00:00Z"));
      const first = await clients.orders.listOrders({ pageSize: 2, dateFrom });
      await rejectsFields(clients.orders.listOrders({ pageSize: 2, pageToken: first.nextPageToken }), ["page_token"]);
      await rejectsFields(clients.orders.listOrders({ dateFrom, dateTo: dateFrom }), ["date_to"]);
    });
  });
}

test("db:migrate fills in the sort key and the accent fold of rows written before them", async () => {
  const { database, drop } = await freshSqlite();
  after(drop);
  if (database.provider !== "sqlite") return;
  const db = new Database(database.file);
  db.prepare(
    `INSERT INTO orders (uuid, name, name_folded, completed, date, create_time, update_time)
     VALUES ('00000000-0000-4000-8000-000000000001', 'Café 10', 'café 10', 0, '2026-12-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00')`,
  ).run();
  db.close();
  assert.equal(await backfillNameKeys(database), 1);
  assert.equal(await backfillNameKeys(database), 0, "a second run finds nothing to do");
  const check = new Database(database.file, { readonly: true });
  assert.deepEqual(check.prepare("SELECT name_folded, name_key FROM orders").get(), {
    name_folded: "cafe 10",
    name_key: "cafe 00210",
  });
  check.close();
});

describe("both providers order names alike", { skip: postgresSkip }, () => {
  let sqlite: Clients & { close: () => Promise<void> };
  let postgres: Clients & { close: () => Promise<void> };
  after(() => Promise.all([sqlite?.close(), postgres?.close()]));
  before(async () => {
    [sqlite, postgres] = await Promise.all([clientsOn(freshSqlite), clientsOn(freshPostgres)]);
  });

  // Names from pieces that sorting can trip over: case, accents, digits with leading zeros,
  // punctuation, ligatures, characters beyond the BMP.
  const piece = fc.constantFrom(
    "a",
    "A",
    "b",
    "é",
    "E",
    "ß",
    "ﬁ",
    "0",
    "07",
    "7",
    "10",
    "2",
    " ",
    "-",
    ".",
    "z",
    "Ω",
    "😀",
    "ü",
  );
  const name = fc.array(piece, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join("").trim() || "x");

  test("the same names list in the same order on SQLite and PostgreSQL", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 12 }), async (names) => {
        await Promise.all([deleteAll(sqlite), deleteAll(postgres)]);
        for (const each of names) {
          await Promise.all([sqlite.orders.createOrder({ name: each }), postgres.orders.createOrder({ name: each })]);
        }
        for (const orderBy of [OrderBy.NAME_ASC, OrderBy.NAME_DESC]) {
          const [onSqlite, onPostgres] = await Promise.all([
            listAll(sqlite, { orderBy }),
            listAll(postgres, { orderBy }),
          ]);
          // Equal keys tie-break on uuids, which differ between the databases: compare keys.
          assert.deepEqual(onSqlite.map(nameSortKey), onPostgres.map(nameSortKey));
          const expected = names
            .map(nameSortKey)
            .toSorted(
              (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)) * (orderBy === OrderBy.NAME_ASC ? 1 : -1),
            );
          assert.deepEqual(onSqlite.map(nameSortKey), expected);
        }
      }),
      { numRuns: 15 },
    );
  });
});

for (const provider of providers) {
  test(
    `deleted orders keep their name key: show_deleted sorts, ranges and counts them on ${provider.name}`,
    {
      skip: provider.skip,
    },
    async () => {
      const { database, drop } = await provider.fresh();
      const store = createStore(database);
      try {
        const by = { subject: "service:test", tokenName: null };
        const names = ["Acme 30", "Acme 3", "éclair", "apples", "Zebra"];
        const rows = [];
        for (const [index, name] of names.entries()) {
          const date = new Date(`2026-12-0${index + 1}T12:00:00Z`);
          rows.push(await store.orders.create({ uuid: randomUUID(), name, completed: false, date }, by));
        }
        await store.orders.remove(rows[1]!.uuid, by);
        await store.orders.remove(rows[2]!.uuid, by);
        const byName = { field: "name", descending: false } as const;
        const listed = await store.orders.page({ showDeleted: true }, byName, undefined, 10);
        assert.deepEqual(
          listed.map((row) => [row.name, Boolean(row.deleteTime)]),
          [
            ["Acme 3", true],
            ["Acme 30", false],
            ["apples", false],
            ["éclair", true],
            ["Zebra", false],
          ],
        );
        const range = {
          showDeleted: true,
          dateFrom: new Date("2026-12-02T00:00:00Z"),
          dateTo: new Date("2026-12-04T00:00:00Z"),
        };
        assert.deepEqual(
          (await store.orders.page(range, byName, undefined, 10)).map((row) => row.name),
          ["Acme 3", "éclair"],
        );
        assert.deepEqual(await store.orders.count(range), { total: 2, estimate: false });
        assert.deepEqual(await store.orders.count({ showDeleted: true, nameContains: "ECLAIR" }), {
          total: 1,
          estimate: false,
        });
        // Undeleted, the order sorts where its name belongs: the key came back with it.
        await store.orders.undelete(rows[2]!.uuid, by);
        const live = await store.orders.page({}, byName, undefined, 10);
        assert.deepEqual(
          live.map((row) => row.name),
          ["Acme 30", "apples", "éclair", "Zebra"],
        );
      } finally {
        await store.close();
        await drop();
      }
    },
  );
}
