import { OrderAlreadyExists, OrderStoreFault, OrderStoreUnavailable, OrderWriteConflict } from "./order-errors";
import { classifyStoreFault } from "./store-fault";

/** A database error as the domain error that says whether a retry can help (no SQL or paths in it). */
export function toStoreError(error: unknown): Error {
  switch (classifyStoreFault(error)) {
    case "unavailable":
      return new OrderStoreUnavailable(error);
    case "conflict":
      return new OrderWriteConflict(error);
    case "duplicate":
      return new OrderAlreadyExists(error);
    case "internal":
      return new OrderStoreFault(error);
  }
}
