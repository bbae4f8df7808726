import { create } from "@bufbuild/protobuf";
import { WatchOrdersResponseSchema } from "../../gen/order/order_pb";
import type { WatchOrdersResponse } from "../../gen/order/order_pb";
import type { OrderEvent } from "../db/generated/sqlite/client";
import { toOrderMessage } from "./order-mapping";
import type { Db } from "./order-repository";

export type { OrderEvent };

/** Events after a cursor, and where the log stands: read so that a prune in between is noticed. */
export type EventPage = {
  events: OrderEvent[];
  /** The highest event id pruned so far: a reader whose cursor is below it missed events. */
  prunedThrough: bigint;
  /** The newest cursor: the highest event id, or prunedThrough when everything was pruned. */
  head: bigint;
};

export type OrderEventLog = ReturnType<typeof createOrderEventLog>;

/** order_events (written by triggers on "orders", see the add_live_orders migrations) and its pruning. */
export function createOrderEventLog(connect: () => Promise<Db>) {
  return {
    /**
     * Up to `take` events with id > `after`, oldest first. The events are read before
     * pruned_through: a prune that removed some of them before they were read has then raised
     * pruned_through past `after`, so the caller sees the gap (on PostgreSQL each statement
     * has its own snapshot).
     */
    async read(after: bigint, take: number): Promise<EventPage> {
      const db = await connect();
      const events = await db.orderEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take });
      // A page that is not full ends at the newest event: asking for it again would cost every
      // read a third query (each write wakes a read while anyone watches).
      const full = events.length === take;
      const newest =
        full || events.length === 0
          ? await db.orderEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } })
          : undefined;
      const log = await db.orderEventLog.findUnique({ where: { id: 1 } });
      const prunedThrough = log?.prunedThrough ?? 0n;
      const head = [newest?.id ?? 0n, prunedThrough, events.at(-1)?.id ?? 0n].reduce((a, b) => (a > b ? a : b));
      return { events, prunedThrough, head };
    },

    /**
     * Keeps the newest `keep` events: deletes the older ones and raises pruned_through to the
     * highest id deleted, in one transaction. Instances may prune at once: both deletes are
     * idempotent and pruned_through only grows.
     */
    async prune(keep: number): Promise<number> {
      const db = await connect();
      const [oldestDropped] = await db.orderEvent.findMany({
        orderBy: { id: "desc" },
        skip: keep,
        take: 1,
        select: { id: true },
      });
      if (!oldestDropped) return 0;
      const through = oldestDropped.id;
      const [deleted] = await db.$transaction([
        db.orderEvent.deleteMany({ where: { id: { lte: through } } }),
        db.orderEventLog.updateMany({
          where: { id: 1, prunedThrough: { lt: through } },
          data: { prunedThrough: through },
        }),
      ]);
      return deleted.count;
    },
  };
}

/** The stream message for a stored event. */
export function toWatchResponse(event: OrderEvent): WatchOrdersResponse {
  const cursor = event.id;
  if (event.kind === "deleted") {
    return create(WatchOrdersResponseSchema, { cursor, event: { case: "deletedUuid", value: event.orderUuid } });
  }
  const order = toOrderMessage({
    uuid: event.orderUuid,
    name: event.name ?? "",
    completed: event.completed ?? false,
    date: event.date ?? new Date(0),
    createTime: event.createTime ?? new Date(0),
    updateTime: event.updateTime ?? new Date(0),
    version: event.version ?? 1,
    createdBy: event.createdBy ?? "",
    updatedBy: event.updatedBy ?? "",
  });
  const kind = event.kind === "created" ? "created" : "updated";
  return create(WatchOrdersResponseSchema, { cursor, event: { case: kind, value: order } });
}

/** A heartbeat (or, with `reset`, the refetch signal) at a cursor. */
export function watchSignal(cursor: bigint, reset = false): WatchOrdersResponse {
  return create(WatchOrdersResponseSchema, {
    cursor,
    event: reset ? { case: "reset", value: {} } : { case: "heartbeat", value: {} },
  });
}
