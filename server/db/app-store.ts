import { config } from "../config.js";
import { createStore } from "./store";
import type { Store } from "./store";

// Cached on globalThis: Next's dev reloads and its separate bundles (the API route and the
// gRPC listener started from instrumentation) must share one store and one connection pool.
const cache = globalThis as typeof globalThis & { ordersStore?: Store };

/** The process's one store, on the database the configuration names. */
export function appStore(): Store {
  return (cache.ordersStore ??= createStore(config.database));
}
