import { createContextKey } from "@connectrpc/connect";
import type { ContextKey } from "@connectrpc/connect";

const shared = globalThis as typeof globalThis & { ordersContextKeys?: Map<string, ContextKey<unknown>> };
const keys = (shared.ordersContextKeys ??= new Map());

/**
 * A Connect context key that is the same in every bundle of the process. createContextKey makes
 * a new symbol each time its module is evaluated, and the Next route and the gRPC listener are
 * separate bundles: a budget shared through globalThis, created by one of them, would read the
 * other's calls with the wrong key and see only the default (so a listing on /api gave its rows
 * back before its answer was compressed and sent).
 */
export function processContextKey<T>(name: string, defaultValue: T): ContextKey<T> {
  let key = keys.get(name) as ContextKey<T> | undefined;
  if (!key) keys.set(name, (key = createContextKey<T>(defaultValue, { description: name })));
  return key;
}
