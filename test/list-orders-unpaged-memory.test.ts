// The production server, with the heap settings `npm start` gives it, under the largest load
// of listings the API allows: 64 unpaged ListOrders at once, each answering the cap of orders
// with the longest names (about 4 MiB per answer).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { maxNameLength } from "../lib/order-limits";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { maxUnpagedOrders } from "../server/orders/order-paging";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { protocols } from "./support/protocol-transports";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";

const callers = 64;
// A 4-byte character: the most bytes on the wire, and a two-byte string in the heap.
const longestName = "\u{1D518}".repeat(maxNameLength);
let database: SqliteDatabase;
let server: NextServer;

before(async () => {
  database = await createSqliteDatabase();
  const writer = await openSeedWriter({ provider: "sqlite", file: database.file });
  await writer.write(
    seedRows(maxUnpagedOrders, seededRandom(7)).map((row) => ({ ...row, name: longestName, nameFolded: longestName })),
  );
  await writer.close();
  server = await startNextServer({ databaseUrl: database.url });
});

after(async () => {
  await server?.stop();
  await database?.remove();
});

test("64 unpaged ListOrders at the cap at once are all answered in full, and the server lives on", async () => {
  const clients = protocols
    .filter((protocol) => !protocol.name.startsWith("Connect GET"))
    .map((protocol) => createClient(OrderService, protocol.transport(server)));
  const answers = await Promise.all(
    Array.from({ length: callers }, (_, i) => clients[i % clients.length]!.listOrders({})),
  );
  for (const answer of answers) {
    assert.equal(answer.orders.length, maxUnpagedOrders);
    assert.equal(answer.orders[0]?.name, longestName);
  }
  assert.equal(server.process.exitCode, null, server.output().slice(-2_000));
  assert.doesNotMatch(server.output(), /heap out of memory/);
});
