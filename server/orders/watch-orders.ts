import type { HandlerContext } from "@connectrpc/connect";
import type { WatchOrdersRequest, WatchOrdersResponse } from "../../gen/order/order_pb";
import type { Store } from "../db/store";
import { Violations } from "./order-mapping";
import { toWatchResponse, watchSignal } from "./order-events";
import { toStoreError } from "./store-error";

export type WatchOptions = {
  /** A heartbeat after this much silence. */
  heartbeatMs: number;
  /** Events waiting for one slow watcher before they are dropped for a reset. */
  bufferSize?: number;
  /** Ends every watch (cleanly) when aborted: the server is shutting down. */
  draining?: AbortSignal;
};

// Events replayed per read when a watcher resumes from a cursor.
const replayBatch = 500;

async function orStoreError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * OrderService.WatchOrders: a heartbeat with the cursor the stream starts after, then the
 * events missed since `after_cursor` (or a reset when the log no longer has them all), then
 * live events, with a heartbeat after every `heartbeatMs` of silence. Subscribes before it
 * reads the backlog, and skips live events the backlog already sent, so nothing is missed
 * or repeated. Ends when the caller leaves or the server drains.
 */
export function createWatchOrders({ orderEvents, orderFeed }: Store, options: WatchOptions) {
  const { heartbeatMs, bufferSize = 1000, draining } = options;

  // The events after `after` still in the log, or a reset when it no longer has them all.
  async function* replay(after: bigint): AsyncGenerator<WatchOrdersResponse> {
    let cursor = after;
    for (;;) {
      const page = await orStoreError(orderEvents.read(cursor, replayBatch));
      // Older than the log (pruned), or newer than anything here (another database).
      if (cursor < page.prunedThrough || (cursor === after && cursor > page.head)) {
        yield watchSignal(page.head, true);
        return;
      }
      for (const event of page.events) {
        cursor = event.id;
        yield toWatchResponse(event);
      }
      if (page.events.length < replayBatch) return;
    }
  }

  return async function* watchOrders(
    { afterCursor }: WatchOrdersRequest,
    context: HandlerContext,
  ): AsyncGenerator<WatchOrdersResponse> {
    if (afterCursor < 0n) {
      const violations = new Violations();
      violations.add("after_cursor", "after_cursor must be 0 (from now) or a cursor this stream sent.");
      violations.check(undefined);
    }
    const ended = draining ? AbortSignal.any([context.signal, draining]) : context.signal;
    const subscription = await orStoreError(orderFeed.subscribe(bufferSize));
    try {
      // The last cursor sent: live events at or below it were replayed already.
      let cursor = afterCursor === 0n ? subscription.startCursor : afterCursor;
      yield watchSignal(cursor);
      if (afterCursor > 0n) {
        for await (const message of replay(afterCursor)) {
          cursor = message.cursor;
          yield message;
        }
      }
      for (;;) {
        const item = await subscription.buffer.next(heartbeatMs, ended);
        if (item === "ended") return;
        if (item === "silence") {
          yield watchSignal(cursor);
        } else if (item.kind === "reset") {
          // Dropped events this stream had sent already (replayed) were not missed.
          if (item.cursor <= cursor) continue;
          cursor = item.cursor;
          yield watchSignal(cursor, true);
        } else if (item.event.id > cursor) {
          cursor = item.event.id;
          yield toWatchResponse(item.event);
        }
      }
    } finally {
      subscription.close();
    }
  };
}
