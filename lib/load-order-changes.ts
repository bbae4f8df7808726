import { lazyModule } from "./lazy-module";

/**
 * lib/apply-order-change.ts, fetched when the first change is to be placed in the cache (a live
 * change, or this tab's own save): no page needs it to show, so it stays out of first loads.
 */
export const orderChanges = lazyModule(() => import("./apply-order-change"));
