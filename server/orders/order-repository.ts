import type { Order as OrderRow, PrismaClient } from "../db/generated/sqlite/client";
import type { DatabaseConfig } from "../config.js";
import type { SqlArg, SqlRunner, SqlStatement } from "../db/store";
import type { Actor } from "./order-actor";
import { createOrderCreator } from "./order-create";
import { insertOrdersSql } from "./order-insert";
import type { CreateRequest } from "./order-create";
import { BatchItemsFailed, ImportRejected, OrderEtagMismatch, OrderNotFound } from "./order-errors";
import { createBulkWrites } from "./order-bulk-writes";
import type { DeletedRow } from "./order-bulk-writes";
import { historyEntry, insertHistorySql } from "./order-history";
import type { HistoryKind, HistoryRow } from "./order-history";
import {
  cappedSearchCountSql,
  estimateWithoutCountingAbove,
  exactSearchCountCap,
  searchProbeRows,
  searchProbeSql,
  searchSampleSql,
  trigramPageSql,
  usesTrigramIndex,
} from "./order-search";
import type { RowFilter } from "./order-search";
import { toStoreError } from "./store-error";
import { foldText, nameSortKey } from "../../lib/name-fold";
import { updateOrderSql } from "./order-bulk-sql";

export type { OrderRow };
export type SortField = "date" | "name" | "createTime";
export type OrderSort = { field: SortField; descending: boolean };
/**
 * Which orders a listing holds: `dateFrom` inclusive, `dateTo` exclusive; `showDeleted` also
 * lists deleted orders not yet purged (AIP-164).
 */
export type OrderFilter = {
  completed?: boolean;
  nameContains?: string;
  dateFrom?: Date;
  dateTo?: Date;
  showDeleted?: boolean;
};
/**
 * A listed order; a deleted one (show_deleted) with when it was deleted and will be purged.
 * Without the folded name, which no listing reads (searches match it in SQL).
 */
export type ListedRow = Omit<OrderRow, "nameFolded"> & { deleteTime?: Date; purgeTime?: Date };
/** A row position in a listing: read the rows after (or before) it in sort order. */
export type RowCursor = { direction: "after" | "before"; key: Date | string; uuid: string };
export type OrderChanges = Partial<Pick<OrderRow, "name" | "completed" | "date">>;
/** How many orders match a filter; `estimate` when a name search passed the counting cap. */
export type OrderCount = { total: number; estimate: boolean };
/**
 * What the caller already knows of a listing: a name search with more matches than the
 * counting cap is common, so walking the sort index finds a page sooner than the search index.
 */
export type PageHint = { manyMatches: boolean };

/** The query API; both providers' clients are generated from the one model, so they share it. */
export type Db = PrismaClient;

// Prisma turns `contains` into LIKE without escaping its wildcards (prisma/prisma#19506), and
// SQLite's LIKE has no escape character. So %, _ and PostgreSQL's escape \ are folded into
// control characters, which names cannot contain: stored and searched alike, they match literally.
const likeSpecials: Record<string, string> = { "%": "\u0001", _: "\u0002", "\\": "\u0003" };

/**
 * Folds a name for case- and accent-insensitive search (foldText); the same fold is stored and
 * applied to queries.
 */
export function foldName(name: string): string {
  return foldText(name).replace(/[%_\\]/g, (special) => likeSpecials[special] ?? special);
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;

// The hot reads (ReadOrder, a ListOrders page and its count) as SQL written by hand for both
// providers: Prisma's query builder and row mapping cost more CPU than the rest of the call.

const orderColumns =
  "uuid, name, name_folded, name_key, completed, date, create_time, update_time, version, created_by, updated_by";
// A listing's: the folded name is a search column only, and one string less per row read.
const listedColumns = orderColumns.replace(" name_folded,", "");
// Names sort by their key (lib/name-fold.ts), which the cursor of a name listing holds.
const sortColumns = { date: "date", name: "name_key", createTime: "create_time" } as const;

/** A row of `orders` as either provider's driver returns it. */
type SqlOrder = {
  uuid: string;
  name: string;
  name_folded: string;
  name_key: string;
  completed: boolean | number;
  date: Date | string;
  create_time: Date | string;
  update_time: Date | string;
  version: number;
  created_by: string;
  updated_by: string;
  /** Only in listings with show_deleted: null for a live order. */
  delete_time?: Date | string | null;
};

/** A row of a listing (listedColumns). */
type SqlListed = Omit<SqlOrder, "name_folded">;

/** One query: SQL with `?` placeholders and its values in order. */
type SqlQuery = { sql: string; args: SqlArg[] };

// PostgreSQL hands back a Date; SQLite the text Prisma stored ("…T10:00:00.000+00:00").
const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** The order of a row read with listedColumns: all but the folded name, a search column only. */
function listedFromSql(row: SqlListed): ListedRow {
  return {
    uuid: row.uuid,
    name: row.name,
    nameKey: row.name_key,
    completed: Boolean(row.completed),
    date: toDate(row.date),
    createTime: toDate(row.create_time),
    updateTime: toDate(row.update_time),
    version: Number(row.version),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

/** The stored order of a row read with orderColumns. */
function orderFromSql(row: SqlOrder): OrderRow {
  return Object.assign(listedFromSql(row), { nameFolded: row.name_folded });
}

const findOrderSql = `SELECT ${orderColumns} FROM orders WHERE uuid = ?`;

/**
 * Up to `take` rows in sort order after (or, reading backwards, before) the cursor: a range
 * scan of the sort index on (key, uuid). `folded` is a name search as foldName gives it.
 */
function orderPageSql(
  from: string,
  { completed, dateFrom, dateTo }: RowFilter,
  folded: string,
  sort: OrderSort,
  cursor: RowCursor | undefined,
  take: number,
  descending: boolean,
): SqlQuery {
  const column = sortColumns[sort.field];
  const { conditions, args } = filterConditions({ completed, dateFrom, dateTo }, folded);
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
    sql: `SELECT ${from === "orders" ? listedColumns : `${listedColumns}, delete_time`} FROM ${from} ${where} ORDER BY ${column} ${direction}, uuid ${direction} LIMIT ?`,
    args,
  };
}

/** How many orders fall in a date range (and completed state): a range scan of the date index. */
function dateRangeCountSql(filter: RowFilter): SqlQuery {
  const { conditions, args } = filterConditions(filter, "");
  return { sql: `SELECT COUNT(*) AS total FROM orders WHERE ${conditions.join(" AND ")}`, args };
}

/**
 * The WHERE conditions of a listing's filter, with their arguments in order. `folded` is a name
 * search as foldName gives it, matched as Prisma's `contains` does: LIKE '%text%', its
 * wildcards already folded away.
 */
function filterConditions({ completed, dateFrom, dateTo }: RowFilter, folded: string) {
  const conditions: string[] = [];
  const args: SqlArg[] = [];
  if (completed !== undefined) {
    conditions.push("completed = ?");
    args.push(completed);
  }
  if (dateFrom !== undefined) {
    conditions.push("date >= ?");
    args.push(dateFrom);
  }
  if (dateTo !== undefined) {
    conditions.push("date < ?");
    args.push(dateTo);
  }
  if (folded) {
    conditions.push("name_folded LIKE ?");
    args.push(`%${folded}%`);
  }
  return { conditions, args };
}

// Live and deleted orders together, for the owner's show_deleted listing: the hot listing
// (FROM orders) never reads this.
const withDeletedSql = `(SELECT ${orderColumns}, NULL AS delete_time FROM orders UNION ALL SELECT ${orderColumns}, delete_time FROM deleted_orders) listed`;

/** The per-state totals the triggers keep (order_counts): one row per completed state. */
const stateTotalsSql = "SELECT completed, total FROM order_counts";

// COUNT(*) is a 64-bit integer; the drivers hand it back as a bigint, number or string.
type SqlCount = bigint | number | string;
type SqlSample = { sampled: SqlCount; hits: SqlCount };
// SQLite answers completed as 0/1, PostgreSQL as a boolean.
type SqlStateTotal = { completed: boolean | number; total: SqlCount };

/** The share of sampled rows that matched. */
const sampleShare = (sample: SqlSample | undefined) =>
  Number(sample?.hits ?? 0) / Math.max(1, Number(sample?.sampled ?? 0));

/**
 * Orders in the database that `connect` opens (once; it may reject while the database is down);
 * `runnerOf` runs the hot reads' hand-written SQL (above) on that connection.
 */
export function createOrderRepository(
  connect: () => Promise<Db>,
  provider: DatabaseConfig["provider"],
  runnerOf: (db: Db) => SqlRunner,
  deletedRetentionMs: number,
) {
  // Every database call goes through here, so a database error surfaces as a domain error
  // saying whether a retry can help, and never as a Prisma message with SQL or paths in it.
  async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await work(await connect());
    } catch (error) {
      if (
        error instanceof OrderNotFound ||
        error instanceof OrderEtagMismatch ||
        error instanceof BatchItemsFailed ||
        error instanceof ImportRejected
      ) {
        throw error;
      }
      throw toStoreError(error);
    }
  }

  async function countDateRange(db: Db, filter: RowFilter): Promise<number> {
    const { sql, args } = dateRangeCountSql(filter);
    const [row] = await runnerOf(db).rows<{ total: SqlCount }>(sql, args);
    return Number(row?.total ?? 0);
  }

  const findRow = (uuid: string) =>
    withDb(async (db) => {
      const [row] = await runnerOf(db).rows<SqlOrder>(findOrderSql, [uuid]);
      return row === undefined ? null : orderFromSql(row);
    });

  // A group's insert and its history entries on the runner: through Prisma's client, a lone
  // create spent more CPU in the raw query's plumbing than SQLite spent inserting.
  const insertRows = (rows: readonly OrderRow[], entries: readonly HistoryRow[]) =>
    withDb((db) =>
      runnerOf(db).write(undefined, () => ({
        statements: [insertOrdersSql(rows), insertHistorySql(entries)],
        result: undefined,
      })),
    );

  const createOrder = createOrderCreator(withDb, findRow, insertRows);

  const bulk = createBulkWrites({
    withDb,
    runnerOf,
    toRow: orderFromSql,
    retentionMs: deletedRetentionMs,
    foldName,
  });

  /** A batch of one's failure as the single call's error. */
  async function one<T>(write: Promise<T[]>): Promise<T> {
    try {
      return (await write)[0]!;
    } catch (error) {
      const failure = error instanceof BatchItemsFailed ? error.failures[0] : undefined;
      if (failure?.reason === "ORDER_NOT_FOUND") throw new OrderNotFound(failure.uuid);
      if (failure?.reason === "ETAG_MISMATCH") throw new OrderEtagMismatch(failure.uuid, failure.currentVersion);
      throw error;
    }
  }

  const listedRow = (row: SqlListed): ListedRow => {
    const listed = listedFromSql(row);
    if (row.delete_time) {
      listed.deleteTime = toDate(row.delete_time);
      listed.purgeTime = new Date(listed.deleteTime.getTime() + deletedRetentionMs);
    }
    return listed;
  };

  /**
   * One write to one order and its history entry, in one transaction: the order is read
   * (locked: writers to it take turns), checked to exist and, with `version`, to be at that
   * version, and `decide` makes the statement and entry of the write from it.
   */
  function writeOne<T>(
    uuid: string,
    version: number | undefined,
    decide: (before: OrderRow) => { statement: SqlStatement; entry: HistoryRow; result: T },
  ): Promise<T> {
    const read = { sql: findOrderSql, values: [uuid] };
    return withDb((db) =>
      runnerOf(db).write<SqlOrder, T>(read, ([row]) => {
        if (!row) throw new OrderNotFound(uuid);
        const before = orderFromSql(row);
        if (version !== undefined && before.version !== version) throw new OrderEtagMismatch(uuid, before.version);
        const { statement, entry, result } = decide(before);
        return { statements: [statement, insertHistorySql([entry])], result };
      }),
    );
  }

  return {
    /**
     * Stores a new order, or with `request` answers the order an earlier create with its
     * request_id made (see order-create.ts). Concurrent calls are committed together.
     */
    create(
      order: Pick<OrderRow, "uuid" | "name" | "completed" | "date">,
      by: Actor,
      request?: CreateRequest,
    ): Promise<OrderRow> {
      const now = new Date();
      const row = {
        ...order,
        nameFolded: foldName(order.name),
        nameKey: nameSortKey(order.name),
        createTime: now,
        updateTime: now,
        version: 1,
        createdBy: by.subject,
        updatedBy: by.subject,
      };
      return createOrder(row, by, request);
    },

    /** Forgets the request_ids stored before `cutoff`; answers how many. */
    async pruneRequests(cutoff: Date): Promise<number> {
      return withDb(async (db) => (await db.orderRequest.deleteMany({ where: { createTime: { lt: cutoff } } })).count);
    },

    async find(uuid: string): Promise<OrderRow> {
      const row = await findRow(uuid);
      if (!row) throw new OrderNotFound(uuid);
      return row;
    },

    /**
     * Applies `changes` as `by`, recording a history entry of `kind` (a CheckStatusOrder's answer
     * is "status checked"); with `version`, only to the order at that version (optimistic concurrency).
     */
    update(
      uuid: string,
      changes: OrderChanges,
      by: Actor,
      {
        version,
        kind = "updated",
      }: { version?: number; kind?: Extract<HistoryKind, "updated" | "status checked"> } = {},
    ): Promise<OrderRow> {
      // A field given as undefined (an empty date) keeps its stored value.
      const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      return writeOne(uuid, version, (before) => {
        const now = new Date();
        // A status check that found nothing new is recorded in the history, but the order itself
        // is as it was: its update_time ("Last updated") stays.
        const unchanged =
          kind === "status checked" &&
          Object.entries(set).every(([field, value]) => before[field as keyof OrderRow] === value);
        const after: OrderRow = {
          ...before,
          ...set,
          updateTime: unchanged ? before.updateTime : now,
          version: before.version + 1,
          updatedBy: by.subject,
        };
        after.nameFolded = foldName(after.name);
        after.nameKey = nameSortKey(after.name);
        return {
          statement: updateOrderSql(after),
          entry: historyEntry(kind, { before, after }, by, now),
          result: after,
        };
      });
    },

    /**
     * Deletes the order as `by` (with `version`, only if it is still at that version): it is kept,
     * hidden, for DELETED_RETENTION, and `undelete` brings it back until then.
     */
    remove(uuid: string, by: Actor, version?: number): Promise<DeletedRow> {
      return one(bulk.removeMany([{ uuid, version }], by));
    },

    /** Brings a deleted order back under its uuid; NOT_FOUND when it is not deleted (or purged). */
    undelete(uuid: string, by: Actor): Promise<OrderRow> {
      return one(bulk.restoreMany([uuid], by));
    },

    ...bulk,

    /**
     * Up to `take` rows in sort order, starting after (or ending before) the cursor.
     * Keyset pagination: each page is an index range scan on (sort key, uuid), so page
     * 200 costs what page 1 costs. Rows read backwards come back in reading order (reversed).
     */
    page(
      filter: OrderFilter,
      sort: OrderSort,
      cursor: RowCursor | undefined,
      take: number,
      hint?: PageHint,
    ): Promise<ListedRow[]> {
      const backwards = cursor?.direction === "before";
      const direction = sort.descending !== backwards ? "desc" : "asc";
      const folded = filter.nameContains ? foldName(filter.nameContains) : "";
      if (hint && !hint.manyMatches && !filter.showDeleted && usesTrigramIndex(provider, folded)) {
        return withDb(async (db) => {
          const sql = trigramPageSql(folded, filter, sort, cursor, take, direction === "desc");
          const uuids = (await db.$queryRaw<{ uuid: string }[]>(sql)).map((row) => row.uuid);
          const rows = new Map(
            (await db.order.findMany({ where: { uuid: { in: uuids } } })).map((row) => [row.uuid, row]),
          );
          return uuids.flatMap((uuid) => rows.get(uuid) ?? []);
        });
      }
      const from = filter.showDeleted ? withDeletedSql : "orders";
      const { sql, args } = orderPageSql(from, filter, folded, sort, cursor, take, direction === "desc");
      return withDb(async (db) => (await runnerOf(db).rows<SqlListed>(sql, args)).map(listedRow));
    },

    /**
     * How many rows match the filter, without counting rows where it can: the per-state
     * totals kept by triggers (order_counts) answer every listing without a name search; a
     * name search counts its matches up to exactSearchCountCap and estimates past it.
     */
    async count(filter: OrderFilter): Promise<OrderCount> {
      if (!filter.showDeleted) return countLive(filter);
      const [live, deleted] = await Promise.all([countLive(filter), countDeleted(filter)]);
      return { total: live.total + deleted, estimate: live.estimate };
    },
  };

  /** How many deleted orders match (a count: they are few, and only the owner lists them). */
  function countDeleted(filter: OrderFilter): Promise<number> {
    const { conditions, args } = filterConditions(filter, filter.nameContains ? foldName(filter.nameContains) : "");
    const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    return withDb(async (db) => {
      const [row] = await runnerOf(db).rows<{ total: SqlCount }>(
        `SELECT COUNT(*) AS total FROM deleted_orders ${where}`,
        args,
      );
      return Number(row?.total ?? 0);
    });
  }

  /** How many live orders match (see `count`). */
  function countLive(filter: OrderFilter): Promise<OrderCount> {
    return withDb(async (db) => {
      const states = await runnerOf(db).rows<SqlStateTotal>(stateTotalsSql, []);
      const totalOf = (matching: SqlStateTotal[]) => matching.reduce((sum, state) => sum + Number(state.total), 0);
      const tableTotal = totalOf(states);
      // A date range is counted along the date index; the triggers' totals know no dates.
      const stateTotal =
        filter.dateFrom || filter.dateTo
          ? await countDateRange(db, filter)
          : totalOf(
              states.filter((state) => filter.completed === undefined || Boolean(state.completed) === filter.completed),
            );
      if (!filter.nameContains) return { total: stateTotal, estimate: false };
      const folded = foldName(filter.nameContains);
      if (provider === "postgresql" && tableTotal > searchProbeRows) {
        const [probe] = await db.$queryRaw<SqlSample[]>(searchProbeSql(folded, filter, tableTotal));
        const estimated = Math.round(sampleShare(probe) * stateTotal);
        if (estimated > estimateWithoutCountingAbove) {
          return { total: Math.min(stateTotal, estimated), estimate: true };
        }
      }
      const [counted] = await db.$queryRaw<{ total: SqlCount }[]>(cappedSearchCountSql(provider, folded, filter));
      const total = Number(counted?.total ?? 0);
      if (total <= exactSearchCountCap) return { total, estimate: false };
      const [sample] = await db.$queryRaw<SqlSample[]>(searchSampleSql(folded, filter));
      const share = sampleShare(sample);
      // Past the cap, so never less than cap + 1, and never more than the state holds.
      return { total: Math.min(stateTotal, Math.max(total, Math.round(share * stateTotal))), estimate: true };
    });
  }
}
