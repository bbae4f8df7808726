// Updates and deletes of the same orders racing each other, on each database: the end state
// must be one a serial order of the acknowledged calls could produce.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { createStore } from "../server/db/store";
import type { DatabaseConfig } from "../server/config.js";
import { foldName } from "../server/orders/order-repository";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { routerClients } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";

const postgresSkip = await postgresSkipReason();
const ordersPerRun = 20;
const writersPerOrder = 8;

type Outcome = { kind: "rename" | "complete" | "delete"; value?: string; ok: boolean };

async function race(database: DatabaseConfig): Promise<void> {
  const store = createStore(database);
  const { orders } = routerClients(store);
  try {
    const created = await Promise.all(
      Array.from({ length: ordersPerRun }, (_, i) => orders.createOrder({ name: `Race ${i}`, date: "2024-05-01" })),
    );
    let deletes = 0;
    for (const [index, { order }] of created.entries()) {
      const uuid = order!.uuid;
      // Renames, completion toggles and one delete, all at once; each either happens or fails NOT_FOUND.
      const writes: Promise<Outcome>[] = Array.from({ length: writersPerOrder }, (_, w) => {
        const attempt = async (kind: Outcome["kind"], value?: string): Promise<Outcome> => {
          try {
            if (kind === "delete") await orders.deleteOrder({ uuid });
            else if (kind === "rename")
              await orders.updateOrder({ uuid, name: value, updateMask: { paths: ["name"] } });
            else await orders.updateOrder({ uuid, completed: true, updateMask: { paths: ["completed"] } });
            return { kind, value, ok: true };
          } catch (error) {
            assert.equal(ConnectError.from(error).code, Code.NotFound, `${kind}: ${String(error)}`);
            return { kind, value, ok: false };
          }
        };
        // Every other order also gets a delete in the middle of its writes.
        if (w === writersPerOrder / 2 && index % 2 === 0) return attempt("delete");
        return w % 2 ? attempt("rename", `Renamed ${w} of ${uuid.slice(0, 8)}`) : attempt("complete");
      });
      const outcomes = await Promise.all(writes);
      const deleted = outcomes.some((outcome) => outcome.kind === "delete" && outcome.ok);
      const row = await store.orders.find(uuid).catch(() => undefined);
      if (deleted) {
        deletes += 1;
        assert.equal(row, undefined, "a deleted order came back");
        continue;
      }
      assert.ok(row, "an order vanished without an acknowledged delete");
      const names = new Set([`Race ${index}`, ...outcomes.filter((o) => o.ok && o.value).map((o) => o.value)]);
      assert.ok(names.has(row.name), `stored name ${row.name} was never written`);
      assert.equal(row.nameFolded, foldName(row.name), "name and its folded form disagree (a torn write)");
      assert.equal(
        row.completed,
        outcomes.some((o) => o.kind === "complete" && o.ok),
      );
    }
    const { totalSize } = await orders.listOrders({ pageSize: 1 });
    assert.equal(totalSize, ordersPerRun - deletes, "the list counts a deleted order");
    console.log(
      `${database.provider}: ${ordersPerRun} orders × ${writersPerOrder} racing writes, ${deletes} deleted, all consistent`,
    );
  } finally {
    await store.close();
  }
}

describe("concurrent updates and deletes", () => {
  test("on SQLite end consistent", async () => {
    const database = await createSqliteDatabase();
    try {
      await race({ provider: "sqlite", file: database.file });
    } finally {
      await database.remove();
    }
  });

  test("on PostgreSQL end consistent", { skip: postgresSkip }, async () => {
    const database = await createPostgresDatabase();
    try {
      await race({ provider: "postgresql", url: database.url });
    } finally {
      await database.drop();
    }
  });
});
