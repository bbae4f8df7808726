import type { HandlerContext } from "@connectrpc/connect";
import { answerSentKey } from "../rpc/answer-sent";
import { callEndedError } from "./call-ended";

/**
 * Rows that calls may hold in memory at once. A call holds its rows until its answer has been
 * sent (answerSentKey; in process, until the call ends), since Connect keeps the answer's
 * message alive until then: while 64 unpaged answers of 4 MiB waited together for gzip and the
 * socket, they held about 900 MB. At most `holdMs`, so that a caller that does not read its
 * answer cannot stop everyone else for long.
 */
export type RowBudget = {
  /**
   * Resolves once `rows` fit beside the rows held (or nothing is held, so a call larger than
   * the budget still runs, alone). Calls wait in arrival order; one whose call ends while it
   * waits leaves the queue with the call's own error (DEADLINE_EXCEEDED, CANCELED, ...).
   */
  hold(rows: number, context: HandlerContext): Promise<void>;
};

type Waiter = { rows: number; admitted: () => void };

export function createRowBudget(limit: number, holdMs: number): RowBudget {
  let held = 0;
  const queue: Waiter[] = [];
  const fits = (rows: number) => held === 0 || held + rows <= limit;

  function admitWaiting(): void {
    while (queue[0] && fits(queue[0].rows)) queue.shift()!.admitted();
  }

  function take(rows: number, context: HandlerContext): void {
    const signal = context.values.get(answerSentKey) ?? context.signal;
    // Sent or gone already (a caller that left): nothing will be held.
    if (signal.aborted) return;
    held += rows;
    const giveBack = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", giveBack);
      held -= rows;
      admitWaiting();
    };
    const timer = setTimeout(giveBack, holdMs);
    timer.unref();
    signal.addEventListener("abort", giveBack, { once: true });
  }

  return {
    async hold(rows, context) {
      const ended = callEndedError(context);
      if (ended) throw ended;
      const { signal } = context;
      if (queue.length === 0 && fits(rows)) return take(rows, context);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          rows,
          admitted: () => {
            signal.removeEventListener("abort", leave);
            take(rows, context);
            resolve();
          },
        };
        function leave() {
          queue.splice(queue.indexOf(waiter), 1);
          // Those behind it may fit now that it no longer goes first.
          admitWaiting();
          // The signal has aborted, so there is always an error to give.
          reject(callEndedError(context) ?? new Error("call ended"));
        }
        queue.push(waiter);
        signal.addEventListener("abort", leave, { once: true });
      });
    },
  };
}
