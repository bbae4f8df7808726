import type { MessageInitShape } from "@bufbuild/protobuf";
import { OrderBy } from "@/gen/order/order_pb";
import type { ListOrdersRequestSchema } from "@/gen/order/order_pb";
import { fieldViolations } from "./connect-error-text";
import { startOfDayIn } from "./date-time";
import { maxNameLength } from "./order-limits";

/** Which orders the list shows, as carried in the URL so a reload or a shared link restores it. */
export type ListView = {
  filter: StatusFilter;
  search: string;
  sort: SortKey;
  /** A page token from the server; empty for the first page. */
  page: string;
  /**
   * The page's ordinal, for display only: keyset tokens do not say where they are. Counted from
   * the end when `fromEnd` is set (1 is the last page).
   */
  pageNumber: number;
  /** Rows per page: one of pageSizes. */
  size: PageSize;
  /** Paging from the last page backwards: `page` is a token of the reversed listing. */
  fromEnd: boolean;
  /** Date range, as local calendar days (YYYY-MM-DD), both inclusive; empty when open. */
  from: string;
  to: string;
};

export const statusFilters = ["all", "open", "completed"] as const;
export type StatusFilter = (typeof statusFilters)[number];

export const sortKeys = ["date-desc", "date-asc", "name-asc", "name-desc"] as const;
export type SortKey = (typeof sortKeys)[number];

export const sortLabels: Record<SortKey, string> = {
  // Short enough to read whole in a phone's sort box (390 px).
  "date-desc": "Newest first",
  "date-asc": "Oldest first",
  "name-asc": "Name, A–Z",
  "name-desc": "Name, Z–A",
};

const orderByOf: Record<SortKey, OrderBy> = {
  "date-desc": OrderBy.DATE_DESC,
  "date-asc": OrderBy.DATE_ASC,
  "name-asc": OrderBy.NAME_ASC,
  "name-desc": OrderBy.NAME_DESC,
};

/** Rows per page people can choose; the first, a screenful on a laptop, is the default. */
export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];
/** The default rows per page. */
export const pageSize: PageSize = 25;

export const defaultView: ListView = {
  filter: "all",
  search: "",
  sort: "date-desc",
  page: "",
  pageNumber: 1,
  size: pageSize,
  fromEnd: false,
  from: "",
  to: "",
};

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (value: string | null) =>
  value && dayPattern.test(value) && !Number.isNaN(Date.parse(value)) ? value : "";

/** Minimal reader over URLSearchParams and Next's `searchParams` record alike. */
type ParamSource = { get(name: string): string | null };

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((candidate) => candidate === value) ?? fallback;
}

const reversedSort: Record<SortKey, SortKey> = {
  "date-desc": "date-asc",
  "date-asc": "date-desc",
  "name-asc": "name-desc",
  "name-desc": "name-asc",
};

// A Timestamp's init shape, written out: importing @bufbuild/protobuf/wkt's helpers would
// bring every well-known type's descriptor into the list's first load.
const timestampOf = (date: Date) => ({ seconds: BigInt(Math.floor(date.getTime() / 1000)), nanos: 0 });

/** Reads the view from the URL; unknown values fall back to the defaults instead of failing. */
export function parseListView(params: ParamSource): ListView {
  const fromEnd = params.get("end") === "1";
  const page = params.get("page") ?? "";
  const pageNumber = Number.parseInt(params.get("n") ?? "", 10);
  const size = pageSizes.find((candidate) => String(candidate) === params.get("size")) ?? pageSize;
  return {
    filter: oneOf(statusFilters, params.get("status"), "all"),
    search: (params.get("q") ?? "").slice(0, maxNameLength),
    sort: oneOf(sortKeys, params.get("sort"), "date-desc"),
    page,
    pageNumber: (page || fromEnd) && pageNumber > 1 ? pageNumber : 1,
    size,
    fromEnd,
    from: dayOf(params.get("from")),
    to: dayOf(params.get("to")),
  };
}

/** Adapts Next's server-side `searchParams` record to {@link parseListView}. */
export function paramsFromRecord(record: Record<string, string | string[] | undefined>): ParamSource {
  return {
    get(name) {
      const value = record[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

/** The query string for a view; defaults are left out so the plain URL stays plain. */
export function listViewSearch(view: ListView): string {
  const params = new URLSearchParams();
  if (view.filter !== "all") params.set("status", view.filter);
  if (view.search) params.set("q", view.search);
  if (view.sort !== "date-desc") params.set("sort", view.sort);
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  if (view.size !== pageSize) params.set("size", String(view.size));
  if (view.fromEnd) params.set("end", "1");
  if (view.page) params.set("page", view.page);
  if (view.page || (view.fromEnd && view.pageNumber > 1)) params.set("n", String(view.pageNumber));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The view's days as instants in the viewer's zone: from its first day's start to the end of its
 * last. The zone is passed, not the machine's, so the server's prefetch and the browser's first
 * render ask for the same instants (the same query, no refetch, no mismatched link).
 */
export function dateRangeOf(view: ListView, timeZone: string): { from?: Date; to?: Date } {
  return {
    ...(view.from ? { from: startOfDayIn(view.from, 0, timeZone) } : {}),
    ...(view.to ? { to: startOfDayIn(view.to, 1, timeZone) } : {}),
  };
}

/** The ListOrders request for a view: the same on the server's prefetch and in the browser. */
export function listRequestOf(view: ListView, timeZone: string): MessageInitShape<typeof ListOrdersRequestSchema> {
  const { from, to } = dateRangeOf(view, timeZone);
  return {
    pageSize: view.size,
    pageToken: view.page,
    nameContains: view.search.trim(),
    // From the end: the reversed listing's pages, shown reversed (see OrdersScreen).
    orderBy: orderByOf[view.fromEnd ? reversedSort[view.sort] : view.sort],
    ...(from ? { dateFrom: timestampOf(from) } : {}),
    ...(to ? { dateTo: timestampOf(to) } : {}),
    // Left unset for "all": the field's presence is the filter.
    ...(view.filter === "all" ? {} : { completed: view.filter === "completed" }),
  };
}

/**
 * Where to go when the list could not be loaded: a page token the server no longer accepts
 * (an old link, or one reused after the filters changed) falls back to the first page of the
 * same view. Undefined when the failure is anything else, which the screen shows as it is.
 */
export function fallbackForStalePage(view: ListView, error: unknown): ListView | undefined {
  if (!view.page || !fieldViolations(error).has("page_token")) return undefined;
  return { ...view, page: "", pageNumber: 1, fromEnd: false };
}

/** The view for a new filter, search, sort, range or page size: always from the first page. */
export function firstPageOf(
  view: ListView,
  change: Partial<Pick<ListView, "filter" | "search" | "sort" | "size" | "from" | "to">>,
): ListView {
  return { ...view, ...change, page: "", pageNumber: 1, fromEnd: false };
}

/** A ListOrders total as people read it: "about 12,300" when the server estimated it (name searches past its cap). */
export function totalText(totalSize: number, estimate: boolean): string {
  return `${estimate ? "about " : ""}${totalSize.toLocaleString("en-US")}`;
}
