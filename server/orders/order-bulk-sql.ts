import { Prisma } from "../db/generated/sqlite/client";
import type { SqlStatement } from "../db/store";
import type { OrderRow } from "./order-repository";

// The statements of soft delete (AIP-164) and of batch writes. A delete moves an order's row from
// "orders" to "deleted_orders", an undelete moves it back: the triggers on "orders" record one
// event per order and keep the counts and the search index, as for any delete or insert.

export const orderColumnList = [
  "uuid",
  "name",
  "name_folded",
  "name_key",
  "completed",
  "date",
  "create_time",
  "update_time",
  "version",
  "created_by",
  "updated_by",
] as const;
const columns = orderColumnList.join(", ");

const uuidList = (uuids: readonly string[]) => Prisma.join(uuids.map((uuid) => Prisma.sql`${uuid}`));

/** The rows of `table` with these uuids, in uuid order (PostgreSQL locks them in that order: no deadlocks). */
export function readByUuidSql(table: "orders" | "deleted_orders", uuids: readonly string[]): SqlStatement {
  const extra = table === "deleted_orders" ? ", delete_time" : "";
  return Prisma.sql`SELECT ${Prisma.raw(columns + extra)} FROM ${Prisma.raw(table)} WHERE uuid IN (${uuidList(uuids)}) ORDER BY uuid`;
}

/** Moves orders to deleted_orders: the delete is a write, so version, update time and writer move on. */
export function softDeleteSql(uuids: readonly string[], time: Date, by: string): SqlStatement[] {
  return [
    Prisma.sql`INSERT INTO deleted_orders (${Prisma.raw(columns)}, delete_time)
      SELECT uuid, name, name_folded, name_key, completed, date, create_time, ${time}, version + 1, created_by, ${by}, ${time}
      FROM orders WHERE uuid IN (${uuidList(uuids)})`,
    Prisma.sql`DELETE FROM orders WHERE uuid IN (${uuidList(uuids)})`,
  ];
}

/** Moves deleted orders back to orders, one version on. */
export function undeleteSql(uuids: readonly string[], time: Date, by: string): SqlStatement[] {
  return [
    Prisma.sql`INSERT INTO orders (${Prisma.raw(columns)})
      SELECT uuid, name, name_folded, name_key, completed, date, create_time, ${time}, version + 1, created_by, ${by}
      FROM deleted_orders WHERE uuid IN (${uuidList(uuids)})`,
    Prisma.sql`DELETE FROM deleted_orders WHERE uuid IN (${uuidList(uuids)})`,
  ];
}

/** Forgets deleted orders deleted before `cutoff` for good. */
export function purgeDeletedSql(cutoff: Date): SqlStatement {
  return Prisma.sql`DELETE FROM deleted_orders WHERE delete_time < ${cutoff}`;
}

/** Splits `items` into runs of at most `size`: each INSERT stays under both providers' bind limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}

/** Stores every changeable column of an order read in the same transaction. */
export function updateOrderSql(order: OrderRow): SqlStatement {
  return {
    sql: "UPDATE orders SET name = ?, name_folded = ?, name_key = ?, completed = ?, date = ?, update_time = ?, version = ?, updated_by = ? WHERE uuid = ?",
    values: [
      order.name,
      order.nameFolded,
      order.nameKey,
      order.completed,
      order.date,
      order.updateTime,
      order.version,
      order.updatedBy,
      order.uuid,
    ],
  };
}
