import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { OrderBy } from "../../gen/order/order_pb";
import type { ListOrdersRequest } from "../../gen/order/order_pb";
import { maxNameLength } from "../../lib/order-limits";
import { InvalidOrderRequest, UnpagedListTooLarge } from "./order-errors";
import { parseOrderDate, Violations } from "./order-mapping";
import type {
  ListedRow,
  OrderCount,
  OrderFilter,
  OrderRepository,
  OrderSort,
  PageHint,
  RowCursor,
} from "./order-repository";
import { exactSearchCountCap } from "./order-search";
import { decodePageToken, encodePageToken, queryFingerprint } from "./page-token";
import { createRowBudget } from "./row-budget";
import type { RowBudget } from "./row-budget";

export const defaultPageSize = 50;
export const maxPageSize = 500;
/**
 * Most orders an unpaged request (no page_size, no page_token: what the original's clients
 * send) is answered with. An order is at most about 1 KB on the wire (a 200-character name of
 * 4-byte characters, a uuid, a date, two timestamps), so 4,000 fit gRPC's default 4 MiB limit.
 */
export const maxUnpagedOrders = 4_000;
/**
 * Rows the listings of one process may hold at once (see RowBudget): four unpaged answers at
 * the cap, or 32 pages of 500, or 313 of 50. An order costs 3–5 KB of heap from its read until
 * its answer is sent (with a name of 200 4-byte characters), so listings stay within about
 * 80 MB however many arrive together, and the rest wait their turn. Four, not fewer, so that
 * reading, encoding, compressing and sending overlap.
 */
export const listingRowLimit = 4 * (maxUnpagedOrders + 1);
/** Longest a listing holds its rows: past it, a caller that does not read its answer delays no one. */
export const listingHoldMs = 10_000;

// On globalThis: the Next route and the gRPC listener are separate bundles in one process,
// and memory is the process's.
const shared = globalThis as typeof globalThis & { ordersListingRows?: RowBudget };

/** The process's one budget of listing rows (see listingRowLimit). */
export function listingRowBudget(): RowBudget {
  return (shared.ordersListingRows ??= createRowBudget(listingRowLimit, listingHoldMs));
}

const sorts: Record<OrderBy, OrderSort> = {
  [OrderBy.UNSPECIFIED]: { field: "date", descending: true },
  [OrderBy.DATE_DESC]: { field: "date", descending: true },
  [OrderBy.DATE_ASC]: { field: "date", descending: false },
  [OrderBy.NAME_ASC]: { field: "name", descending: false },
  [OrderBy.NAME_DESC]: { field: "name", descending: true },
  [OrderBy.CREATE_TIME_DESC]: { field: "createTime", descending: true },
  [OrderBy.CREATE_TIME_ASC]: { field: "createTime", descending: false },
};

export type OrderPage = {
  rows: ListedRow[];
  nextPageToken: string;
  previousPageToken: string;
  totalSize: number;
  /** totalSize is an estimate: a name search with more matches than the counting cap. */
  totalSizeIsEstimate: boolean;
};

/** A checked ListOrders request. */
export type ListQuery = {
  filter: OrderFilter;
  sort: OrderSort;
  /** Undefined for an unpaged request: every match, up to maxUnpagedOrders. */
  pageSize: number | undefined;
  cursor: RowCursor | undefined;
  fingerprint: string;
};

/** The request checked; INVALID_ARGUMENT naming every field that is not acceptable. */
export function parseListRequest(request: ListOrdersRequest): ListQuery {
  const violations = new Violations();
  if (request.pageSize < 0) violations.add("page_size", "page_size must not be negative.");
  const sort = sorts[request.orderBy];
  if (!sort) violations.add("order_by", `order_by ${request.orderBy} is not a known sort order.`);
  const nameContains = request.nameContains.trim();
  if ([...nameContains].length > maxNameLength) {
    violations.add("name_contains", `name_contains must be at most ${maxNameLength} characters.`);
  }
  const dateFrom = checkInstant(request.dateFrom, "date_from", violations);
  const dateTo = checkInstant(request.dateTo, "date_to", violations);
  if (dateFrom && dateTo && dateTo <= dateFrom) {
    violations.add("date_to", "date_to must be after date_from (date_from is inclusive, date_to exclusive).");
  }
  const filter: OrderFilter = {
    completed: request.completed,
    nameContains: nameContains || undefined,
    dateFrom,
    dateTo,
    ...(request.showDeleted && { showDeleted: true }),
  };
  // UNSPECIFIED and DATE_DESC are one listing, so their tokens are interchangeable.
  const fingerprint = queryFingerprint([
    filter.completed ?? null,
    filter.nameContains ?? "",
    sort?.field,
    // Left out when unset, so tokens issued before date ranges existed stay valid.
    ...(dateFrom || dateTo ? [dateFrom?.toISOString() ?? "", dateTo?.toISOString() ?? ""] : []),
    sort?.descending,
    // Only when set, so that tokens issued before show_deleted existed stay valid.
    ...(filter.showDeleted ? ["show_deleted"] : []),
  ]);
  const cursor = request.pageToken ? decodeCursor(request.pageToken, fingerprint, sort, violations) : undefined;
  if (violations.list.length > 0 || !sort) throw new InvalidOrderRequest(violations.list);
  const unpaged = request.pageSize === 0 && !request.pageToken;
  const pageSize = unpaged ? undefined : Math.min(request.pageSize || defaultPageSize, maxPageSize);
  return { filter, sort, pageSize, cursor, fingerprint };
}

// Timestamp's own range (AIP-142): years 1 to 9999.
const minSeconds = -62_135_596_800n;
const maxSeconds = 253_402_300_799n;

/** A date range bound as a Date, or undefined when unset or (recorded) out of range. */
function checkInstant(value: Timestamp | undefined, field: string, violations: Violations): Date | undefined {
  if (!value) return undefined;
  if (value.seconds < minSeconds || value.seconds > maxSeconds || value.nanos < 0 || value.nanos > 999_999_999) {
    violations.add(field, `${field} must be a time between years 1 and 9999.`);
    return undefined;
  }
  return timestampDate(value);
}

function decodeCursor(
  token: string,
  fingerprint: string,
  sort: OrderSort | undefined,
  violations: Violations,
): RowCursor | undefined {
  const decoded = decodePageToken(token, fingerprint);
  if (decoded === "other-query") {
    violations.add(
      "page_token",
      "page_token belongs to a listing with other filters or sort order; start again without it.",
    );
    return undefined;
  }
  const key = decoded === "malformed" ? undefined : sort?.field === "name" ? decoded.key : parseOrderDate(decoded.key);
  if (decoded === "malformed" || key === undefined) {
    violations.add("page_token", "page_token is not a token this service issued.");
    return undefined;
  }
  return { direction: decoded.direction, key, uuid: decoded.uuid };
}

export function cursorOf(row: ListedRow, sort: OrderSort, direction: RowCursor["direction"]): RowCursor {
  return { direction, key: sort.field === "name" ? row.nameKey : row[sort.field], uuid: row.uuid };
}

function tokenFor(cursor: RowCursor, fingerprint: string): string {
  const key = cursor.key instanceof Date ? cursor.key.toISOString() : cursor.key;
  return encodePageToken({ direction: cursor.direction, key, uuid: cursor.uuid }, fingerprint);
}

// Adding paging to a method must not break callers that never page (AIP-158): they get every
// match, or an error telling them to page, never a silent partial list.
async function readAllOrders(orders: OrderRepository, filter: OrderFilter, sort: OrderSort): Promise<OrderPage> {
  const rows = await orders.page(filter, sort, undefined, maxUnpagedOrders + 1);
  if (rows.length > maxUnpagedOrders) throw new UnpagedListTooLarge(maxUnpagedOrders);
  return { rows, totalSize: rows.length, totalSizeIsEstimate: false, nextPageToken: "", previousPageToken: "" };
}

// Without a name search both come from indexes and run side by side. With one, the count
// (capped) comes first and tells the page how to search: through the trigram index for a rare
// name, along the sort index for a common one, where a page of matches is met within a few rows.
async function readPageAndCount(
  orders: OrderRepository,
  filter: OrderFilter,
  sort: OrderSort,
  cursor: RowCursor | undefined,
  take: number,
): Promise<[ListedRow[], OrderCount, PageHint | undefined]> {
  if (!filter.nameContains) {
    const [rows, count] = await Promise.all([orders.page(filter, sort, cursor, take), orders.count(filter)]);
    return [rows, count, undefined];
  }
  const count = await orders.count(filter);
  const hint = { manyMatches: count.total > exactSearchCountCap };
  return [await orders.page(filter, sort, cursor, take, hint), count, hint];
}

/** The most rows answering `query` reads: one more than the page, or than the unpaged cap. */
export function rowsToRead(query: ListQuery): number {
  return (query.pageSize ?? maxUnpagedOrders) + 1;
}

/** One page of orders for a request (see readListPage). */
export function readOrderPage(orders: OrderRepository, request: ListOrdersRequest): Promise<OrderPage> {
  return readListPage(orders, parseListRequest(request));
}

/**
 * One page of orders. Reads one row more than the page to learn whether another page
 * follows. Going back from near the start returns the (full) first page rather than a
 * short one, so the first page is always the same whichever way a person arrived at it.
 */
export async function readListPage(orders: OrderRepository, query: ListQuery): Promise<OrderPage> {
  const { filter, sort, pageSize, cursor, fingerprint } = query;
  if (pageSize === undefined) return readAllOrders(orders, filter, sort);
  const [rows, count, hint] = await readPageAndCount(orders, filter, sort, cursor, pageSize + 1);
  const totals = { totalSize: count.total, totalSizeIsEstimate: count.estimate };
  if (cursor?.direction === "before" && rows.length > pageSize) {
    const page = rows.slice(0, pageSize).reverse();
    return {
      rows: page,
      ...totals,
      previousPageToken: tokenFor(cursorOf(page[0]!, sort, "before"), fingerprint),
      nextPageToken: tokenFor(cursorOf(page.at(-1)!, sort, "after"), fingerprint),
    };
  }
  const fromStart = cursor?.direction === "before";
  const forward = fromStart ? await orders.page(filter, sort, undefined, pageSize + 1, hint) : rows;
  const page = forward.slice(0, pageSize);
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    ...totals,
    nextPageToken: forward.length > pageSize && last ? tokenFor(cursorOf(last, sort, "after"), fingerprint) : "",
    previousPageToken:
      cursor && !fromStart
        ? tokenFor(first ? cursorOf(first, sort, "before") : { ...cursor, direction: "before" }, fingerprint)
        : "",
  };
}
