import { Prisma } from "../db/generated/sqlite/client";
import type { SqlArg, SqlRunner, SqlStatement } from "../db/store";
import type { Actor } from "./order-actor";
import { nameSortKey } from "../../lib/name-fold";
import { chunks, purgeDeletedSql, readByUuidSql, softDeleteSql, undeleteSql, updateOrderSql } from "./order-bulk-sql";
import type { CreateRequest } from "./order-create";
import { BatchItemsFailed, ImportRejected } from "./order-errors";
import type { BatchItemFailure, ImportProblemItem } from "./order-errors";
import { historyEntry, insertHistorySql } from "./order-history";
import type { HistoryRow } from "./order-history";
import { insertOrdersSql } from "./order-insert";
import type { Db, OrderChanges, OrderRow } from "./order-repository";

/** A deleted order as kept until it is purged. */
export type DeletedRow = OrderRow & { deleteTime: Date; purgeTime: Date };
/** One change of a batch update: as UpdateOrder makes it. */
export type BatchChange = { uuid: string; changes: OrderChanges; version?: number };
/** A row of an import file: its line, and its request_id when it has one. */
type RequestedRow = { line: number; request?: CreateRequest };
/** One row of an import, with its line in the file and its request_id when it has one. */
export type ImportRow = RequestedRow & { row: OrderRow };

// Rows per INSERT: 10 columns each stays below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters.
const rowsPerInsert = 500;

type Deps = {
  withDb: <T>(work: (db: Db) => Promise<T>) => Promise<T>;
  runnerOf: (db: Db) => SqlRunner;
  /** A row of orders (and of deleted_orders, with its delete_time) as a driver returns it. */
  toRow: (row: never) => OrderRow;
  retentionMs: number;
  /** The repository's foldName: stored beside each name for search. */
  foldName: (name: string) => string;
};

type StoredRequest = { request_id: string; fingerprint: string };

/** The stored request_ids among the rows', or nothing to read when no row has one. */
function storedRequestsSql(rows: readonly RequestedRow[]): SqlStatement | undefined {
  const ids = rows.flatMap(({ request }) => (request ? [request.requestId] : []));
  if (ids.length === 0) return undefined;
  return Prisma.sql`SELECT request_id, fingerprint FROM order_requests WHERE request_id IN (${Prisma.join(ids)})`;
}

/** The rows an import creates, how many it leaves as stored, and the request_ids used for another row. */
function againstStored<Row extends RequestedRow>(rows: readonly Row[], stored: readonly StoredRequest[]) {
  const known = new Map(stored.map((row) => [row.request_id, row.fingerprint]));
  const problems: ImportProblemItem[] = [];
  const fresh = rows.filter(({ line, request }) => {
    const fingerprint = request && known.get(request.requestId);
    if (fingerprint === undefined) return true;
    if (fingerprint !== request!.fingerprint) {
      problems.push({
        line,
        field: "request_id",
        message: `request_id ${request!.requestId} was already used for an order with another name, completed or date.`,
      });
    }
    return false;
  });
  return { fresh, existing: rows.length - fresh.length - problems.length, problems };
}

/**
 * The writes of many orders at once, each in one transaction, all or nothing: every item is
 * checked against the rows read (and locked) in that transaction, and one that cannot be done
 * throws BatchItemsFailed naming every such item, before anything is written.
 */
export function createBulkWrites({ withDb, runnerOf, toRow, retentionMs, foldName }: Deps) {
  function write<T>(
    read: SqlStatement | undefined,
    decide: (rows: { raw: unknown; row: OrderRow }[]) => { statements: SqlStatement[]; result: T },
  ): Promise<T> {
    return withDb((db) =>
      runnerOf(db).write<never, T>(read, (rows) => decide(rows.map((raw) => ({ raw, row: toRow(raw) })))),
    );
  }

  /** The rows read, by uuid; throws for every item whose uuid is missing or whose version differs. */
  function checked(
    items: readonly { uuid: string; version?: number }[],
    rows: { raw: unknown; row: OrderRow }[],
  ): Map<string, { raw: unknown; row: OrderRow }> {
    const byUuid = new Map(rows.map((read) => [read.row.uuid, read]));
    const failures: BatchItemFailure[] = [];
    items.forEach(({ uuid, version }, index) => {
      const read = byUuid.get(uuid);
      if (!read) failures.push({ index, uuid, reason: "ORDER_NOT_FOUND" });
      else if (version !== undefined && read.row.version !== version) {
        failures.push({ index, uuid, reason: "ETAG_MISMATCH", currentVersion: read.row.version });
      }
    });
    if (failures.length > 0) throw new BatchItemsFailed(failures);
    return byUuid;
  }

  const history = (entries: HistoryRow[]) => chunks(entries, rowsPerInsert).map(insertHistorySql);

  return {
    /** Applies each change as UpdateOrder does, all in one transaction; answers the orders after. */
    batchUpdate(items: readonly BatchChange[], by: Actor): Promise<OrderRow[]> {
      const read = readByUuidSql(
        "orders",
        items.map((item) => item.uuid),
      );
      return write(read, (rows) => {
        const byUuid = checked(items, rows);
        const now = new Date();
        const after = items.map(({ uuid, changes }) => {
          const before = byUuid.get(uuid)!.row;
          const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
          const changed: OrderRow = {
            ...before,
            ...set,
            updateTime: now,
            version: before.version + 1,
            updatedBy: by.subject,
          };
          changed.nameFolded = foldName(changed.name);
          changed.nameKey = nameSortKey(changed.name);
          return { before, changed };
        });
        return {
          statements: [
            ...after.map(({ changed }) => updateOrderSql(changed)),
            ...history(
              after.map(({ before, changed }) => historyEntry("updated", { before, after: changed }, by, now)),
            ),
          ],
          result: after.map(({ changed }) => changed),
        };
      });
    },

    /** Soft-deletes the orders (with `version`, only at that version); answers them as deleted. */
    removeMany(items: readonly { uuid: string; version?: number }[], by: Actor): Promise<DeletedRow[]> {
      const uuids = items.map((item) => item.uuid);
      return write(readByUuidSql("orders", uuids), (rows) => {
        const byUuid = checked(items, rows);
        const now = new Date();
        const befores = uuids.map((uuid) => byUuid.get(uuid)!.row);
        return {
          statements: [
            ...softDeleteSql(uuids, now, by.subject),
            ...history(befores.map((before) => historyEntry("deleted", { before }, by, now))),
          ],
          result: befores.map((before) => ({
            ...before,
            version: before.version + 1,
            updateTime: now,
            updatedBy: by.subject,
            deleteTime: now,
            purgeTime: new Date(now.getTime() + retentionMs),
          })),
        };
      });
    },

    /** Brings deleted orders back under their uuids; answers them as restored. */
    restoreMany(uuids: readonly string[], by: Actor): Promise<OrderRow[]> {
      return write(readByUuidSql("deleted_orders", uuids), (rows) => {
        const byUuid = checked(
          uuids.map((uuid) => ({ uuid })),
          rows,
        );
        const now = new Date();
        const restored = uuids.map((uuid) => {
          const before = byUuid.get(uuid)!.row;
          const after: OrderRow = { ...before, version: before.version + 1, updateTime: now, updatedBy: by.subject };
          return { before, after };
        });
        return {
          statements: [
            ...undeleteSql(uuids, now, by.subject),
            ...history(restored.map(({ before, after }) => historyEntry("restored", { before, after }, by, now))),
          ],
          result: restored.map(({ after }) => after),
        };
      });
    },

    /** Forgets orders deleted before `cutoff` for good; answers how many. */
    purgeDeleted(cutoff: Date): Promise<number> {
      return withDb((db) => db.$executeRaw(purgeDeletedSql(cutoff) as Prisma.Sql));
    },

    /**
     * What an import of the rows would skip and refuse, read without taking the writer: the
     * rows whose request_id is stored with the same row (`existing`) and those whose request_id
     * is stored with another (`problems`). Nothing is written.
     */
    checkImport(rows: readonly RequestedRow[]): Promise<{ existing: number; problems: ImportProblemItem[] }> {
      const read = storedRequestsSql(rows);
      if (!read) return Promise.resolve({ existing: 0, problems: [] });
      return withDb(async (db) => {
        const { existing, problems } = againstStored(
          rows,
          await runnerOf(db).rows<StoredRequest>(read.sql, read.values as SqlArg[]),
        );
        return { existing, problems };
      });
    },

    /**
     * Creates the rows in one transaction, each with its history entry and its request_id. A
     * request_id stored before with the same row counts as existing and is not created again;
     * with another row it is a problem, and then nothing is created (ImportRejected).
     */
    importRows(rows: readonly ImportRow[], by: Actor): Promise<{ created: number; existing: number }> {
      return withDb((db) =>
        runnerOf(db).write<StoredRequest, { created: number; existing: number }>(storedRequestsSql(rows), (stored) => {
          const { fresh, existing, problems } = againstStored(rows, stored);
          if (problems.length > 0) throw new ImportRejected(problems);
          const claims = fresh.flatMap(({ row, request }) =>
            request ? [Prisma.sql`(${request.requestId}, ${row.uuid}, ${request.fingerprint}, ${row.createTime})`] : [],
          );
          return {
            statements: [
              ...chunks(fresh, rowsPerInsert).map((run) => insertOrdersSql(run.map(({ row }) => row))),
              ...history(fresh.map(({ row }) => historyEntry("created", { after: row }, by, row.createTime))),
              ...chunks(claims, rowsPerInsert).map(
                (run) =>
                  Prisma.sql`INSERT INTO order_requests (request_id, order_uuid, fingerprint, create_time) VALUES ${Prisma.join(run)}`,
              ),
            ],
            result: { created: fresh.length, existing },
          };
        }),
      );
    },
  };
}
