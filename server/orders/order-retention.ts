import { config } from "../config.js";
import type { Store } from "../db/store";
import type { Logger } from "../observability/logger";
import type { OrderHistoryRepository } from "./order-history";
import type { OrderRepository } from "./order-repository";
import { requestIdRetentionMs } from "./order-request-id";

/** How often expired rows are deleted: a reused id may be refused this much past 24 h. */
const pruneIntervalMs = 10 * 60 * 1000;
const day = 24 * 60 * 60 * 1000;

/** Deletes the request_ids older than the retention window at `now`; answers how many. */
export function pruneExpiredRequestIds(orders: Pick<OrderRepository, "pruneRequests">, now = new Date()) {
  return orders.pruneRequests(new Date(now.getTime() - requestIdRetentionMs));
}

/** Deletes the history of orders deleted more than HISTORY_RETENTION_DAYS before `now`. */
export function pruneExpiredHistory(
  orderHistory: Pick<OrderHistoryRepository, "pruneDeleted">,
  now = new Date(),
  retentionDays = config.orderHistoryRetentionDays,
) {
  return orderHistory.pruneDeleted(new Date(now.getTime() - retentionDays * day));
}

/** Purges the orders deleted more than DELETED_RETENTION before `now`: no undelete after that. */
export function purgeExpiredDeletes(
  orders: Pick<OrderRepository, "purgeDeleted">,
  now = new Date(),
  retentionMs = config.deletedRetentionMs,
) {
  return orders.purgeDeleted(new Date(now.getTime() - retentionMs));
}

/**
 * Prunes expired request_ids, deleted orders' history and deleted orders every few minutes for as long as the
 * process runs (the timer does not keep it alive). With several instances on one database each
 * prunes; deleting twice is harmless. Answers a function that stops it.
 */
export function startOrderRetention(store: Pick<Store, "orders" | "orderHistory">, logger: Logger): () => void {
  const prunes = [
    { what: "expired request ids", prune: () => pruneExpiredRequestIds(store.orders) },
    { what: "history entries of long-deleted orders", prune: () => pruneExpiredHistory(store.orderHistory) },
    { what: "deleted orders past DELETED_RETENTION", prune: () => purgeExpiredDeletes(store.orders) },
  ];
  const timer = setInterval(() => {
    for (const { what, prune } of prunes) {
      prune().then(
        (count) => {
          if (count > 0) logger.info({ count }, `${what} pruned`);
        },
        (error: unknown) => logger.warn({ err: error }, `pruning ${what} failed; retried later`),
      );
    }
  }, pruneIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
