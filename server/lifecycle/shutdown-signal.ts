import { Code, ConnectError } from "@connectrpc/connect";

// On globalThis: Next bundles the API route and instrumentation separately, and both must
// see the one signal the shutdown aborts.
const cache = globalThis as typeof globalThis & { ordersShutdown?: AbortController };

function controller(): AbortController {
  return (cache.ordersShutdown ??= new AbortController());
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
