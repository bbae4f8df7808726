import type { WatchOrdersResponse } from "../../gen/order/order_pb";

/** A WatchOrders stream read one message at a time, each with a time limit (a test must not hang). */
export type WatchReader = {
  next(): Promise<WatchOrdersResponse>;
  /** Reads until a message matches, returning everything read on the way (it included). */
  until(match: (message: WatchOrdersResponse) => boolean): Promise<WatchOrdersResponse[]>;
  /** True once the stream ended (the server closed it cleanly). */
  ended(): Promise<boolean>;
  close(): void;
};

export function readWatch(
  open: (signal: AbortSignal) => AsyncIterable<WatchOrdersResponse>,
  limitMs = 30_000,
): WatchReader {
  const abort = new AbortController();
  const iterator = open(abort.signal)[Symbol.asyncIterator]();
  const within = async <T>(work: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${limitMs} ms`)), limitMs);
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const next = async () => {
    const result = await within(iterator.next(), "message");
    if (result.done) throw new Error("the stream ended");
    return result.value;
  };
  return {
    next,
    async until(match) {
      const read: WatchOrdersResponse[] = [];
      for (;;) {
        const message = await next();
        read.push(message);
        if (match(message)) return read;
      }
    },
    async ended() {
      for (;;) {
        const result = await within(iterator.next(), "end of stream");
        if (result.done) return true;
      }
    },
    close: () => abort.abort(),
  };
}

/** A message as a short line: "created:<name>@<cursor>", "heartbeat@<cursor>", … */
export function describeWatch(message: WatchOrdersResponse): string {
  const { event, cursor } = message;
  switch (event.case) {
    case "created":
    case "updated":
      return `${event.case}:${event.value.name}${event.value.completed ? "(done)" : ""}@${cursor}`;
    case "deletedUuid":
      return `deleted@${cursor}`;
    case "heartbeat":
    case "reset":
    case undefined:
      return `${event.case}@${cursor}`;
  }
}
