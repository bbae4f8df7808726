import type { Logger } from "../observability/logger";
import type { OrderRepository } from "./order-repository";
import { requestIdRetentionMs } from "./order-request-id";

/** How often expired request_ids are deleted: a reused id may be refused this much past 24 h. */
const pruneIntervalMs = 10 * 60 * 1000;

/** Deletes the request_ids older than the retention window at `now`; answers how many. */
export function pruneExpiredRequestIds(orders: Pick<OrderRepository, "pruneRequests">, now = new Date()) {
  return orders.pruneRequests(new Date(now.getTime() - requestIdRetentionMs));
}

/**
 * Prunes expired request_ids every few minutes for as long as the process runs (the timer does
 * not keep it alive). With several instances on one database each prunes; deleting twice is harmless.
 * Answers a function that stops it.
 */
export function startRequestIdRetention(orders: Pick<OrderRepository, "pruneRequests">, logger: Logger): () => void {
  const timer = setInterval(() => {
    pruneExpiredRequestIds(orders).then(
      (count) => {
        if (count > 0) logger.info({ count }, "expired request ids pruned");
      },
      (error: unknown) => logger.warn({ err: error }, "pruning expired request ids failed; retried later"),
    );
  }, pruneIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
