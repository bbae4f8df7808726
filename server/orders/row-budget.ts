import type { HandlerContext } from "@connectrpc/connect";
import { callerKey } from "../observability/request-context";
import { answerSentKey } from "../rpc/answer-sent";
import { callEndedError } from "./call-ended";

/**
 * Rows that calls may hold in memory at once. A call holds its rows until its answer has been
 * sent (answerSentKey; in process, until the call ends), since Connect keeps the answer's
 * message alive until then: while 64 unpaged answers of 4 MiB waited together for gzip and the
 * socket, they held about 900 MB. At most `holdMs`, so that a caller that does not read its
 * answer cannot stop everyone else for long.
 *
 * One caller (the subject of a token or session) may hold at most half the budget, unless it
 * holds nothing: a storm of large listings from one caller then leaves room for everyone else,
 * whose calls go ahead of the storm's waiting ones when they fit.
 */
export type RowBudget = {
  /**
   * Resolves once `rows` fit beside the rows held (or nothing is held, so a call larger than
   * the budget still runs, alone) and within the caller's share. One caller's calls wait in
   * their arrival order; one whose call ends while it waits leaves the queue with the call's own
   * error (DEADLINE_EXCEEDED, CANCELED, ...).
   */
  hold(rows: number, context: HandlerContext): Promise<void>;
};

type Waiter = { rows: number; caller: string; admitted: () => void };

const callerOf = (context: HandlerContext) => context.values.get(callerKey)?.subject ?? "";

export function createRowBudget(limit: number, holdMs: number): RowBudget {
  let held = 0;
  const heldBy = new Map<string, number>();
  const queue: Waiter[] = [];
  const share = Math.max(1, Math.floor(limit / 2));
  const fits = (rows: number, caller: string) => {
    const mine = heldBy.get(caller) ?? 0;
    // Calls in process without a caller (tests, tools) share one queue and no share limit.
    return held === 0 || (held + rows <= limit && (caller === "" || mine === 0 || mine + rows <= share));
  };

  // Each caller's first waiter may go when it fits; a caller's later ones never overtake it.
  function admitWaiting(): void {
    const passed = new Set<string>();
    for (let i = 0; i < queue.length;) {
      const waiter = queue[i]!;
      if (!passed.has(waiter.caller) && fits(waiter.rows, waiter.caller)) {
        queue.splice(i, 1);
        waiter.admitted();
        continue;
      }
      passed.add(waiter.caller);
      i += 1;
    }
  }

  function take(rows: number, context: HandlerContext): void {
    const signal = context.values.get(answerSentKey) ?? context.signal;
    // Sent or gone already (a caller that left): nothing will be held.
    if (signal.aborted) return;
    const caller = callerOf(context);
    held += rows;
    heldBy.set(caller, (heldBy.get(caller) ?? 0) + rows);
    const giveBack = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", giveBack);
      held -= rows;
      const left = (heldBy.get(caller) ?? rows) - rows;
      if (left > 0) heldBy.set(caller, left);
      else heldBy.delete(caller);
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
      const caller = callerOf(context);
      if (!queue.some((waiter) => waiter.caller === caller) && fits(rows, caller)) return take(rows, context);
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          rows,
          caller,
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
