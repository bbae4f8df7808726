import { setMaxListeners } from "node:events";
import { Code, ConnectError } from "@connectrpc/connect";

// On globalThis: Next bundles the API route and instrumentation separately, and both must
// see the one signal the shutdown aborts.
const cache = globalThis as typeof globalThis & { ordersShutdown?: AbortController; ordersDraining?: AbortController };

function controller(): AbortController {
  if (!cache.ordersShutdown) {
    cache.ordersShutdown = new AbortController();
    // Connect links every call in flight to this signal (and unlinks it when the call ends):
    // more than ten at once is normal load, not the leak Node's warning guesses at.
    setMaxListeners(0, cache.ordersShutdown.signal);
  }
  return cache.ordersShutdown;
}

/**
 * Aborted when the grace period after SIGTERM/SIGINT is over; Connect aborts every handler
 * context's signal with it, so calls still running end with UNAVAILABLE (retry elsewhere).
 */
export function shutdownSignal(): AbortSignal {
  return controller().signal;
}

/** Cancels the calls still running at the end of the grace period. */
export function abortInFlightCalls(): void {
  controller().abort(new ConnectError("The server is shutting down; try again.", Code.Unavailable));
}

/**
 * Aborted as soon as a shutdown starts. Calls that would otherwise never end (WatchOrders)
 * end on it, so they do not hold the drain for the whole grace period; their callers
 * reconnect, to another instance or to this one restarted.
 */
export function drainingSignal(): AbortSignal {
  return draining().signal;
}

/** Ends the calls that wait on {@link drainingSignal}. */
export function startDraining(): void {
  draining().abort();
}

function draining(): AbortController {
  if (!cache.ordersDraining) {
    cache.ordersDraining = new AbortController();
    // One listener per open watch.
    setMaxListeners(0, cache.ordersDraining.signal);
  }
  return cache.ordersDraining;
}
