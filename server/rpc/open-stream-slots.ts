import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { openServices } from "../auth/authenticate";
import { config } from "../config.js";
import { onStreamEnd } from "../observability/on-stream-end";
import { connectionKey } from "./answer-sent";

/** Streaming calls at once to the services that need no credentials. */
export type OpenStreamLimits = { perProcess: number; perConnection: number };

export const openStreamLimits: OpenStreamLimits = {
  perProcess: config.limits.openStreamsMax,
  perConnection: config.limits.openStreamsPerConnection,
};

type Slots = { open: number; byConnection: WeakMap<object, number> };
// On globalThis: the Next route and the gRPC listener are separate bundles in one process.
const shared = globalThis as typeof globalThis & { ordersOpenStreamSlots?: Slots };

/**
 * Streams anyone may open without a credential (echo, health Watch, reflection) are few: at
 * most `perProcess` at once and `perConnection` on one connection; the next gets
 * RESOURCE_EXHAUSTED at once. Each holds at most a stream's byte budget, so together they hold
 * a small fixed amount, whoever opens them.
 */
export function limitOpenStreams(
  limits: OpenStreamLimits = openStreamLimits,
  slots: Slots = (shared.ordersOpenStreamSlots ??= { open: 0, byConnection: new WeakMap() }),
): Interceptor {
  return (next) => {
    const limited: ReturnType<Interceptor> = async (request) => {
      const connection = request.contextValues.get(connectionKey);
      const onConnection = connection ? (slots.byConnection.get(connection) ?? 0) : 0;
      if (slots.open >= limits.perProcess) {
        throw new ConnectError("Too many open streams on this server; try again later.", Code.ResourceExhausted);
      }
      if (onConnection >= limits.perConnection) {
        throw new ConnectError(
          `At most ${limits.perConnection} streams without credentials may be open on one connection.`,
          Code.ResourceExhausted,
        );
      }
      slots.open += 1;
      if (connection) slots.byConnection.set(connection, onConnection + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        slots.open -= 1;
        if (connection) slots.byConnection.set(connection, (slots.byConnection.get(connection) ?? 1) - 1);
      };
      request.signal.addEventListener("abort", release, { once: true });
      try {
        return onStreamEnd(await next(request), release);
      } catch (error) {
        release();
        throw error;
      }
    };
    // Unary calls and the guarded services go straight on, without an async layer of this one's.
    return (request) =>
      !request.stream || !openServices.has(request.service.typeName) ? next(request) : limited(request);
  };
}
