import type { OrderEvent } from "./order-events";

/** What a watcher is handed next: an event, or "you missed events up to `cursor`". */
export type FeedItem = { kind: "event"; event: OrderEvent } | { kind: "reset"; cursor: bigint };

/** Why waiting for the next item ended without one. */
export type NoItem = "silence" | "ended";

/**
 * The events fanned out to one watcher, waiting for it to read them. Bounded: once `capacity`
 * items wait, the whole backlog is dropped for a single reset (the watcher refetches and carries
 * on from there), so a reader that stalls costs at most `capacity` events of memory.
 */
export class SubscriberBuffer {
  private items: FeedItem[] = [];
  private wake: (() => void) | undefined;
  /** How many times the buffer overflowed into a reset. */
  overflows = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  push(event: OrderEvent): void {
    if (this.items.length >= this.capacity) {
      this.overflows++;
      this.reset(event.id);
      return;
    }
    this.items.push({ kind: "event", event });
    this.notify();
  }

  /** Drops what waits: the watcher is told it missed everything up to `cursor`. */
  reset(cursor: bigint): void {
    this.items = [{ kind: "reset", cursor }];
    this.notify();
  }

  /** The next item; "silence" after `silenceMs` without one, "ended" once `signal` aborts. */
  async next(silenceMs: number, signal: AbortSignal): Promise<FeedItem | NoItem> {
    if (this.items.length === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, silenceMs);
        signal.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    if (signal.aborted) return "ended";
    return this.items.shift() ?? "silence";
  }

  private notify(): void {
    this.wake?.();
  }
}
