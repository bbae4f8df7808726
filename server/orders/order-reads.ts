import type { SqlArg } from "../db/sql-runner";
import type { OrderRow, OrderSort, RowCursor } from "./order-repository";

// The hot reads (ReadOrder, a ListOrders page and its count) as SQL written by hand for both
// providers: Prisma's query builder and row mapping cost more CPU than the rest of the call.

const orderColumns = "uuid, name, name_folded, completed, date, create_time, update_time, version";
const sortColumns = { date: "date", name: "name", createTime: "create_time" } as const;

/** A row of `orders` as either provider's driver returns it. */
export type SqlOrder = {
  uuid: string;
  name: string;
  name_folded: string;
  completed: boolean | number;
  date: Date | string;
  create_time: Date | string;
  update_time: Date | string;
  version: number;
};

/** One query: SQL with `?` placeholders and its values in order. */
export type SqlQuery = { sql: string; args: SqlArg[] };

// PostgreSQL hands back a Date; SQLite the text Prisma stored ("…T10:00:00.000+00:00").
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** The stored order of a row read with orderColumns. */
export function orderFromSql(row: SqlOrder): OrderRow {
  return {
    uuid: row.uuid,
    name: row.name,
    nameFolded: row.name_folded,
    completed: Boolean(row.completed),
    date: toDate(row.date),
    createTime: toDate(row.create_time),
    updateTime: toDate(row.update_time),
    version: Number(row.version),
  };
}

export const findOrderSql = `SELECT ${orderColumns} FROM orders WHERE uuid = ?`;

/**
 * Up to `take` rows in sort order after (or, reading backwards, before) the cursor: a range
 * scan of the sort index on (key, uuid). `folded` is a name search as foldName gives it.
 */
export function orderPageSql(
  completed: boolean | undefined,
  folded: string,
  sort: OrderSort,
  cursor: RowCursor | undefined,
  take: number,
  descending: boolean,
): SqlQuery {
  const column = sortColumns[sort.field];
  const conditions: string[] = [];
  const args: SqlArg[] = [];
  if (completed !== undefined) {
    conditions.push("completed = ?");
    args.push(completed);
  }
  // As Prisma's `contains`: LIKE '%text%', wildcards already folded away by foldName.
  if (folded) {
    conditions.push("name_folded LIKE ?");
    args.push(`%${folded}%`);
  }
  if (cursor) {
    const beyond = descending ? "<" : ">";
    // The plain range is implied by the OR, but the planner starts the index scan at it:
    // without it SQLite walks the index from the first row to the cursor, so a page 1,000
    // pages deep cost 20 ms at a million orders instead of 1.
    conditions.push(`${column} ${beyond}= ?`, `(${column} ${beyond} ? OR (${column} = ? AND uuid ${beyond} ?))`);
    args.push(cursor.key, cursor.key, cursor.key, cursor.uuid);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
  const direction = descending ? "DESC" : "ASC";
  args.push(take);
  return {
    sql: `SELECT ${orderColumns} FROM orders ${where} ORDER BY ${column} ${direction}, uuid ${direction} LIMIT ?`,
    args,
  };
}

/** The per-state totals the triggers keep (order_counts): one row per completed state. */
export const stateTotalsSql = "SELECT completed, total FROM order_counts";
