import { create } from "@bufbuild/protobuf";
import type { Query, QueryClient } from "@tanstack/react-query";
import { ReadOrderResponseSchema } from "@/gen/order/order_pb";
import type { ListOrdersResponse, Order, ReadOrderResponse } from "@/gen/order/order_pb";
import { pageSize } from "./list-view";
import { announceNewOrder } from "./new-orders";
import { insertionIndex, isFiltered, isOlder, matchesFilter, sortsInBrowser } from "./order-list-placement";
import type { ListInput } from "./order-list-placement";
import { deleteOrderKey, orderDetailsKey, orderListsKey } from "./order-query-keys";

/** One committed change, from the live stream or from this tab's own call. */
export type OrderChange = { kind: "created" | "updated"; order: Order } | { kind: "deleted"; uuid: string };

/**
 * What becomes of one cached list page: a new version of it, and whether the server's is needed
 * now (read again if on screen) or later (marked stale, read when next shown). Undefined: as is.
 */
type PageOutcome = { page?: ListOrdersResponse; read?: "now" | "later" } | undefined;

const readNow: PageOutcome = { read: "now" };
const readLater: PageOutcome = { read: "later" };

const withTotal = (page: ListOrdersResponse, delta: number): PageOutcome =>
  delta === 0 ? undefined : { page: { ...page, totalSize: Math.max(0, page.totalSize + delta) } };

// A page grows by live inserts instead of dropping its last row (whose key its next_page_token
// holds, so paging on stays exact); past this many rows it is read again instead.
const maxLivePageRows = (input: ListInput) => (input.pageSize || pageSize) * 2;

function created(page: ListOrdersResponse, input: ListInput, order: Order, onScreen: boolean): PageOutcome {
  if (!matchesFilter(order, input)) return undefined;
  const index = sortsInBrowser(input.orderBy) ? insertionIndex(page, order, input.orderBy) : 0;
  // Rows on screen would move down under the pointer: announced instead ("N new orders — Show").
  if (onScreen && index !== undefined && index < page.orders.length) {
    announceNewOrder(order.uuid);
    return undefined;
  }
  if (!sortsInBrowser(input.orderBy)) return readNow;
  // Sorted onto another page: it only counts here.
  if (index === undefined) return withTotal(page, 1);
  if (page.orders.length >= maxLivePageRows(input)) return readNow;
  return withTotal({ ...page, orders: page.orders.toSpliced(index, 0, order) }, 1);
}

function updated(page: ListOrdersResponse, input: ListInput, order: Order, before: Order | undefined): PageOutcome {
  const at = page.orders.findIndex((row) => row.uuid === order.uuid);
  if (at !== -1) {
    if (isOlder(order, page.orders[at]!)) return undefined;
    // Replaced where it stands, so no row moves under the person's pointer or focus; a version
    // that no longer fits the view or its place leaves it when the page is next read.
    const others = { ...page, orders: page.orders.toSpliced(at, 1) };
    const fits = matchesFilter(order, input) && insertionIndex(others, order, input.orderBy) === at;
    return { page: { ...page, orders: page.orders.with(at, order) }, read: fits ? undefined : "later" };
  }
  const matches = matchesFilter(order, input);
  // Moved onto this page (a new date or name, or now matching the filter)? Under a name sort only
  // the database can tell: an order this tab never saw is then left to the page's next read.
  let onThisPage: boolean;
  if (sortsInBrowser(input.orderBy)) onThisPage = matches && insertionIndex(page, order, input.orderBy) !== undefined;
  else if (before) onThisPage = matches && (before.name !== order.name || !matchesFilter(before, input));
  else return matches || isFiltered(input) ? readLater : undefined;
  if (onThisPage) return readNow;
  if (!isFiltered(input)) return undefined;
  // Left or entered the view on another page: only its total changes, if this tab knows how.
  if (!before) return readLater;
  return withTotal(page, Number(matches) - Number(matchesFilter(before, input)));
}

function deleted(page: ListOrdersResponse, input: ListInput, uuid: string, before: Order | undefined): PageOutcome {
  const remaining = page.orders.filter((row) => row.uuid !== uuid);
  if (remaining.length < page.orders.length) return withTotal({ ...page, orders: remaining }, -1);
  if (before) return matchesFilter(before, input) ? withTotal(page, -1) : undefined;
  // Unseen here: it left an unfiltered view's total, and maybe a filtered one's.
  return isFiltered(input) ? readLater : withTotal(page, -1);
}

/** The order as this tab last saw it, from any cached page or detail. */
function cachedVersion(queryClient: QueryClient, uuid: string): Order | undefined {
  const detail = queryClient.getQueriesData<ReadOrderResponse>({ queryKey: orderDetailsKey(uuid) });
  for (const [, read] of detail) if (read?.order) return read.order;
  for (const [, page] of queryClient.getQueriesData<ListOrdersResponse>({ queryKey: orderListsKey })) {
    const found = page?.orders.find((row) => row.uuid === uuid);
    if (found) return found;
  }
  return undefined;
}

// A delete made in this tab marks its page gone itself, once the page is left (see
// DeleteOrderButton), not under the closing dialog.
const deletedHere = (queryClient: QueryClient, uuid: string) =>
  queryClient
    .getMutationCache()
    .findAll({ mutationKey: deleteOrderKey(uuid) })
    .some((mutation) => mutation.state.status !== "error");

const inputOf = (query: Query): ListInput => (query.queryKey[1] as { input?: ListInput }).input ?? {};

/**
 * Applies a committed change to every cached ListOrders page and ReadOrder answer, in place:
 * no refetch of everything. Where the rows a page shows change in a way this tab cannot place
 * exactly (an order moved onto it, a new order under a name sort), that page alone is read
 * again if it is on screen; where only its total might be off (an order this tab never saw
 * entered or left a filtered view), it is marked stale, to be read when next shown.
 */
export function applyOrderChange(queryClient: QueryClient, change: OrderChange): void {
  const uuid = change.kind === "deleted" ? change.uuid : change.order.uuid;
  const before = cachedVersion(queryClient, uuid);
  for (const query of queryClient.getQueryCache().findAll({ queryKey: orderListsKey })) {
    const page = query.state.data as ListOrdersResponse | undefined;
    if (!page) continue;
    const input = inputOf(query);
    let outcome: PageOutcome;
    if (change.kind === "deleted") outcome = deleted(page, input, uuid, before);
    else if (change.kind === "updated" || page.orders.some((row) => row.uuid === uuid))
      outcome = updated(page, input, change.order, before);
    else outcome = created(page, input, change.order, query.isActive());
    if (!outcome) continue;
    if (outcome.page) queryClient.setQueryData(query.queryKey, outcome.page);
    // A read in flight started before this change and would overwrite it: ask again.
    const read = query.state.fetchStatus === "fetching" ? "now" : outcome.read;
    if (read) {
      void queryClient.invalidateQueries(
        { queryKey: query.queryKey, exact: true, refetchType: read === "now" ? "active" : "none" },
        { cancelRefetch: true },
      );
    }
  }

  if (change.kind !== "deleted") {
    queryClient.setQueriesData<ReadOrderResponse>({ queryKey: orderDetailsKey(uuid) }, (read) =>
      read?.order && isOlder(change.order, read.order)
        ? read
        : { ...(read ?? create(ReadOrderResponseSchema)), order: change.order },
    );
  } else if (!deletedHere(queryClient, uuid)) {
    markDeleted(queryClient, uuid);
  }
}

/**
 * Remembers the order as gone: an answer without an order, not a removed entry, which the page's
 * server-rendered data would fill again when the person goes Back (hydration only skips entries
 * newer than its own), showing the order as if it still existed.
 */
export function markDeleted(queryClient: QueryClient, uuid: string): void {
  queryClient.setQueriesData<ReadOrderResponse>({ queryKey: orderDetailsKey(uuid) }, () =>
    create(ReadOrderResponseSchema, {}),
  );
}

/** Changes were missed (the stream's reset): every order query is read again, once. */
export function refetchAllOrders(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: orderListsKey });
  void queryClient.invalidateQueries({ queryKey: orderDetailsKey() });
}
