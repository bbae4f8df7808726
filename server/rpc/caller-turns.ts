import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { config } from "../config.js";
import { callerKey } from "../observability/request-context";

/** How many unary calls one caller may have running, and waiting behind them. */
export type CallerTurnLimits = { running: number; waiting: number };

export const callerTurnLimits: CallerTurnLimits = {
  running: config.limits.callsRunningPerCaller,
  waiting: config.limits.callsWaitingPerCaller,
};

type Turns = { running: number; waiting: (() => void)[] };
// On globalThis: the Next route and the gRPC listener are separate bundles in one process.
const shared = globalThis as typeof globalThis & { ordersCallerTurns?: Map<string, Turns> };

/**
 * Each caller (the subject of its token or session) runs at most `running` unary calls at once;
 * the next `waiting` wait their turn in order, within their deadline, and any beyond get
 * RESOURCE_EXHAUSTED at once. A storm of expensive calls from one caller then occupies a fixed
 * share of the process, and everyone else's calls are not queued behind it. Goes after the
 * credential check, which names the caller; streams (WatchOrders) are bounded elsewhere.
 */
export function takeTurnsPerCaller(
  limits: CallerTurnLimits = callerTurnLimits,
  callers: Map<string, Turns> = (shared.ordersCallerTurns ??= new Map<string, Turns>()),
): Interceptor {
  return (next) => async (request) => {
    const caller = request.contextValues.get(callerKey)?.subject;
    if (request.stream || caller === undefined) return next(request);
    let turns = callers.get(caller);
    if (!turns) callers.set(caller, (turns = { running: 0, waiting: [] }));
    const mine = turns;
    if (mine.running < limits.running) mine.running += 1;
    else {
      if (mine.waiting.length >= limits.waiting) {
        throw new ConnectError(
          `Too many calls from ${caller} at once: at most ${limits.running} run and ${limits.waiting} wait.`,
          Code.ResourceExhausted,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const { signal } = request;
        const admitted = () => {
          signal.removeEventListener("abort", leave);
          resolve();
        };
        function leave() {
          mine.waiting.splice(mine.waiting.indexOf(admitted), 1);
          reject(ConnectError.from(signal.reason, Code.Canceled));
        }
        mine.waiting.push(admitted);
        signal.addEventListener("abort", leave, { once: true });
      });
    }
    try {
      return await next(request);
    } finally {
      // The turn passes straight to the next waiter, so running stays counted.
      const waiter = mine.waiting.shift();
      if (waiter) waiter();
      else if (--mine.running === 0) callers.delete(caller);
    }
  };
}
