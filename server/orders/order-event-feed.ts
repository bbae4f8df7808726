import type { NotificationListener } from "../db/pg-notifications";
import type { OrderEventLog } from "./order-events";
import { SubscriberBuffer } from "./subscriber-buffer";

export type FeedOptions = {
  /** How often the feed reads anyway while someone watches: other processes' writes on SQLite, a lost LISTEN. */
  pollMs: number;
  /** How many events are kept for resuming watchers. */
  logSize: number;
  /** How often, at most, the log is pruned. */
  pruneEveryMs?: number;
  /** Events read per query. */
  batch?: number;
  /** Starts a wake-up source (PostgreSQL's LISTEN) while someone watches; it calls `wake` on news. */
  listen?: (wake: () => void) => NotificationListener;
  /** Where read and prune failures are reported (they are retried on the next wake-up). */
  onError?: (error: unknown, during: string) => void;
};

/** One watcher's end of the feed. */
export type Subscription = {
  /** Every event with a greater id reaches `buffer` (some possibly before it, so dedupe by id). */
  readonly startCursor: bigint;
  readonly buffer: SubscriberBuffer;
  close(): void;
};

export type OrderEventFeed = {
  /** Joins the feed, starting it (and its wake-up sources) for the first watcher. */
  subscribe(capacity: number): Promise<Subscription>;
  /** Something was written: read the new events now instead of at the next poll. */
  poke(): void;
  close(): Promise<void>;
};

/**
 * One reader of the event log per store, whatever the number of watchers: woken by this
 * process's own writes (poke), by other instances' NOTIFY, and by a slow poll, it reads the
 * events after the last one it saw, once, and hands them to every watcher. Idle (no reads,
 * no timers, no LISTEN connection) while nobody watches.
 */
export function createOrderEventFeed(log: OrderEventLog, options: FeedOptions): OrderEventFeed {
  const { pollMs, logSize, pruneEveryMs = 30_000, batch = 500, listen, onError = () => {} } = options;
  const buffers = new Set<SubscriberBuffer>();
  // The id of the last event handed out; undefined while stopped.
  let lastSeen: bigint | undefined;
  let starting: Promise<void> | undefined;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  let poll: NodeJS.Timeout | undefined;
  let listener: NotificationListener | undefined;
  let lastPrune = 0;
  let pruning = false;

  function resetAll(cursor: bigint) {
    for (const buffer of buffers) buffer.reset(cursor);
  }

  async function catchUp(): Promise<void> {
    while (lastSeen !== undefined) {
      const from: bigint = lastSeen;
      const page = await log.read(from, batch);
      if (lastSeen !== from) return; // stopped and restarted meanwhile: the new run reads for itself
      // Pruned past what this feed saw (it fell far behind), or too far behind to replay: every
      // watcher refetches instead of being handed thousands of events.
      if (from < page.prunedThrough || page.head - from > BigInt(logSize)) {
        lastSeen = page.head;
        resetAll(page.head);
        return;
      }
      for (const event of page.events) for (const buffer of buffers) buffer.push(event);
      lastSeen = page.events.at(-1)?.id ?? from;
      if (page.events.length < batch) return;
    }
  }

  function wake(): void {
    if (lastSeen === undefined) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = catchUp()
      .catch((error: unknown) => onError(error, "reading order events"))
      .finally(() => {
        reading = undefined;
        if (readAgain) {
          readAgain = false;
          wake();
        }
      });
  }

  function prune(): void {
    const now = Date.now();
    if (pruning || now - lastPrune < pruneEveryMs) return;
    lastPrune = now;
    pruning = true;
    void log
      .prune(logSize)
      .catch((error: unknown) => onError(error, "pruning order events"))
      .finally(() => (pruning = false));
  }

  async function start(): Promise<void> {
    const { head } = await log.read(0n, 0);
    lastSeen = head;
    poll = setInterval(() => {
      wake();
      prune();
    }, pollMs);
    poll.unref();
    listener = listen?.(wake);
  }

  function stop(): Promise<void> {
    clearInterval(poll);
    poll = undefined;
    lastSeen = undefined;
    readAgain = false;
    const open = listener;
    listener = undefined;
    return open?.close() ?? Promise.resolve();
  }

  return {
    async subscribe(capacity) {
      // Joined before starting, so a watcher leaving meanwhile does not stop the feed under it.
      const buffer = new SubscriberBuffer(capacity);
      buffers.add(buffer);
      try {
        while (lastSeen === undefined) await (starting ??= start().finally(() => (starting = undefined)));
      } catch (error) {
        buffers.delete(buffer);
        if (buffers.size === 0) void stop();
        throw error;
      }
      prune();
      return {
        startCursor: lastSeen,
        buffer,
        close() {
          if (!buffers.delete(buffer) || buffers.size > 0) return;
          void stop();
        },
      };
    },

    poke() {
      if (buffers.size > 0) wake();
      prune();
    },

    async close() {
      buffers.clear();
      await stop();
    },
  };
}
