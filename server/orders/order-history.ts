import { Prisma } from "../db/generated/sqlite/client";
import type { OrderHistory as HistoryRow } from "../db/generated/sqlite/client";
import type { Actor } from "./order-actor";
import type { Db, OrderRow } from "./order-repository";

export type { HistoryRow };

/** What a write did to an order, as its history names it. */
export type HistoryKind = "created" | "updated" | "deleted" | "restored" | "status checked";

/** One field a write set, with its value before and after as the Order message carries it. */
export type FieldChange = { field: "name" | "completed" | "date"; before: string; after: string };

type Fields = Pick<OrderRow, "name" | "completed" | "date">;

const fieldText = {
  name: (order: Fields) => order.name,
  completed: (order: Fields) => String(order.completed),
  date: (order: Fields) => order.date.toISOString(),
} satisfies Record<FieldChange["field"], (order: Fields) => string>;

/** The fields whose values differ; every field, with an empty `before`, for a create. */
export function changedFields(before: Fields | undefined, after: Fields): FieldChange[] {
  return (Object.keys(fieldText) as FieldChange["field"][]).flatMap((field) => {
    const text = fieldText[field];
    const was = before ? text(before) : "";
    return was === text(after) ? [] : [{ field, before: was, after: text(after) }];
  });
}

/**
 * The history entry of one write to one order, keyed by the version the write left (a
 * delete's: one past the deleted one). `before` is absent for a create, `after` for a delete.
 * Every write records one per order it changed, in its own transaction (insertHistorySql).
 */
export function historyEntry(
  kind: HistoryKind,
  { before, after }: { before?: OrderRow; after?: OrderRow },
  by: Actor,
  time: Date,
): HistoryRow {
  const version = after?.version ?? (before?.version ?? 0) + 1;
  const changes = after && kind !== "restored" ? changedFields(before, after) : [];
  return {
    orderUuid: (after ?? before)!.uuid,
    version,
    time,
    kind,
    actor: by.subject,
    tokenName: by.tokenName,
    changes: JSON.stringify(changes),
  };
}

/**
 * One INSERT of one or more entries (a batch write's too), bound as Prisma binds its own writes: run it
 * in the write's transaction, through the client or the store's SQL runner.
 */
export function insertHistorySql(entries: readonly HistoryRow[]): Prisma.Sql {
  const values = entries.map(
    (entry) =>
      Prisma.sql`(${entry.orderUuid}, ${entry.version}, ${entry.time}, ${entry.kind}, ${entry.actor}, ${entry.tokenName}, ${entry.changes})`,
  );
  return Prisma.sql`INSERT INTO order_history (order_uuid, version, time, kind, actor, token_name, changes) VALUES ${Prisma.join(values)}`;
}

/** The stored changes of an entry. */
export function changesOf(entry: HistoryRow): FieldChange[] {
  return JSON.parse(entry.changes) as FieldChange[];
}

export type OrderHistoryRepository = ReturnType<typeof createOrderHistoryRepository>;

/** Reading and pruning order_history; entries are written by the order repository's writes. */
export function createOrderHistoryRepository(connect: () => Promise<Db>) {
  return {
    /** Up to `take` entries of one order, newest first, below `beforeVersion` when given. */
    async list(orderUuid: string, beforeVersion: number | undefined, take: number): Promise<HistoryRow[]> {
      return (await connect()).orderHistory.findMany({
        where: { orderUuid, ...(beforeVersion !== undefined && { version: { lt: beforeVersion } }) },
        orderBy: { version: "desc" },
        take,
      });
    },

    /**
     * Forgets the history of orders deleted before `cutoff` and not written since (a restore is
     * a write); answers how many entries went. A live order's history lives as long as the order.
     */
    async pruneDeleted(cutoff: Date): Promise<number> {
      return (await connect()).$executeRaw`DELETE FROM order_history WHERE order_uuid IN (
          SELECT deleted.order_uuid FROM order_history deleted WHERE deleted.kind = 'deleted' AND deleted.time < ${cutoff}
        )
        AND order_uuid NOT IN (SELECT uuid FROM orders)
        AND order_uuid NOT IN (SELECT uuid FROM deleted_orders)
        AND NOT EXISTS (
          SELECT 1 FROM order_history later WHERE later.order_uuid = order_history.order_uuid AND later.time >= ${cutoff}
        )`;
    },
  };
}
