import { Prisma } from "../db/generated/sqlite/client";
import type { OrderRow } from "./order-repository";

/**
 * One INSERT of many orders, written by hand: Prisma never caches the query plan of a
 * createMany (its shape changes with the row count), so createManyAndReturn compiled a plan
 * in its WebAssembly query compiler on every group commit, about a millisecond of the event
 * loop each time. Every column is given, so the stored rows are the rows passed in: no
 * RETURNING needed. Values are bound as Prisma's own writes bind them (dates as Prisma stores
 * them on each provider): through its client in a transaction, else through the store's SQL runner (server/db/store.ts).
 */
export function insertOrdersSql(rows: readonly OrderRow[]): Prisma.Sql {
  const values = rows.map(
    (row) =>
      Prisma.sql`(${row.uuid}, ${row.name}, ${row.nameFolded}, ${row.nameKey}, ${row.completed}, ${row.date}, ${row.createTime}, ${row.updateTime}, ${row.version}, ${row.createdBy}, ${row.updatedBy})`,
  );
  return Prisma.sql`INSERT INTO orders (uuid, name, name_folded, name_key, completed, date, create_time, update_time, version, created_by, updated_by) VALUES ${Prisma.join(values)}`;
}
