import { setTimeout as sleep } from "node:timers/promises";

/** What the checker knows of an order when it asks whether it has been fulfilled. */
export type OrderToCheck = { readonly uuid: string; readonly date: Date; readonly completed: boolean };

/**
 * Where the checker learns whether an order has been fulfilled: a warehouse or shipping
 * system in a real deployment. Implementations must give up when `signal` aborts (the
 * caller's deadline), so a slow system never holds a call past it.
 */
export type FulfilmentSource = {
  isFulfilled(order: OrderToCheck, signal: AbortSignal): Promise<boolean>;
};

/** How long after its date the simulated warehouse has shipped an order. */
export const simulatedShippingDelayMs = 24 * 60 * 60 * 1000;

/**
 * The default source: an external system simulated in-process. It answers after `latencyMs`
 * (the original service slept one second), with one rule: an order is fulfilled once it was
 * marked completed, or once its date is at least a day in the past (the warehouse ships
 * within a day, and never un-ships).
 */
export function simulatedFulfilment({
  latencyMs,
  now = () => Date.now(),
}: {
  latencyMs: number;
  now?: () => number;
}): FulfilmentSource {
  return {
    async isFulfilled(order, signal) {
      if (latencyMs > 0) await sleep(latencyMs, undefined, { signal });
      signal.throwIfAborted();
      return order.completed || now() - order.date.getTime() >= simulatedShippingDelayMs;
    },
  };
}
