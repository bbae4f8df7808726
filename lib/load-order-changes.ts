import type * as OrderChanges from "./apply-order-change";

let loading: Promise<typeof OrderChanges> | undefined;

/**
 * lib/apply-order-change.ts, fetched when the first change is to be placed in the cache (a live
 * change, or this tab's own save): no page needs it to show, so it stays out of first loads.
 * One module promise, so changes are applied in the order they arrived; a failed fetch is
 * tried again with the next change.
 */
export function loadOrderChanges(): Promise<typeof OrderChanges> {
  loading ??= import("./apply-order-change").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
