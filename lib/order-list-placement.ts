import { OrderBy } from "@/gen/order/order_pb";
import type { ListOrdersRequest, ListOrdersResponse, Order } from "@/gen/order/order_pb";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { toDate } from "./date-time";
import { foldText } from "./name-fold";

/** What a cached ListOrders page was asked for, as its query key holds it (defaults left out). */
export type ListInput = Partial<
  Pick<ListOrdersRequest, "pageSize" | "pageToken" | "completed" | "nameContains" | "orderBy" | "dateFrom" | "dateTo">
>;

/** True when the page's filters would list the order. */
export function matchesFilter(order: Order, input: ListInput): boolean {
  if (input.completed !== undefined && order.completed !== input.completed) return false;
  const date = millis(order.date);
  if (input.dateFrom && date < timestampMs(input.dateFrom)) return false;
  if (input.dateTo && date >= timestampMs(input.dateTo)) return false;
  // As the server folds names for name_contains.
  return !input.nameContains || foldText(order.name).includes(foldText(input.nameContains));
}

/** True when an order can enter or leave the view by being changed (a status filter, search or date range). */
export function isFiltered(input: ListInput): boolean {
  return input.completed !== undefined || Boolean(input.nameContains) || Boolean(input.dateFrom ?? input.dateTo);
}

const millis = (value: Order["date"] | Order["createTime"]) => toDate(value)?.getTime() ?? 0;
const byDate = (order: Order) => millis(order.date);
const byCreateTime = (order: Order) => millis(order.createTime);
// Names sort by the database's collation (PostgreSQL's may be a locale's), not reproduced here.
const sorts: Record<OrderBy, { key?: (order: Order) => number; descending: boolean }> = {
  [OrderBy.UNSPECIFIED]: { key: byDate, descending: true },
  [OrderBy.DATE_DESC]: { key: byDate, descending: true },
  [OrderBy.DATE_ASC]: { key: byDate, descending: false },
  [OrderBy.CREATE_TIME_DESC]: { key: byCreateTime, descending: true },
  [OrderBy.CREATE_TIME_ASC]: { key: byCreateTime, descending: false },
  [OrderBy.NAME_ASC]: { descending: false },
  [OrderBy.NAME_DESC]: { descending: true },
};

/** False for name sorts, whose order only the database knows. */
export function sortsInBrowser(orderBy: OrderBy = OrderBy.UNSPECIFIED): boolean {
  return sorts[orderBy].key !== undefined;
}

/**
 * Where the order goes among the page's rows, in the server's order (sort key, then uuid), or
 * undefined when it belongs to an earlier or later page, or when the browser cannot sort by
 * the view's key (see sortsInBrowser).
 */
export function insertionIndex(
  page: ListOrdersResponse,
  order: Order,
  orderBy: OrderBy = OrderBy.UNSPECIFIED,
): number | undefined {
  const { key, descending } = sorts[orderBy];
  if (!key) return undefined;
  const sign = descending ? -1 : 1;
  const goesBefore = (row: Order) => {
    const difference = (key(order) - key(row)) * sign;
    return difference < 0 || (difference === 0 && order.uuid < row.uuid !== descending);
  };
  const found = page.orders.findIndex(goesBefore);
  const index = found === -1 ? page.orders.length : found;
  if (index === 0 && page.previousPageToken) return undefined;
  if (index === page.orders.length && page.nextPageToken) return undefined;
  return index;
}

/** True when the stored version `next` is older than `shown` (an answer overtaken by a later event). */
export function isOlder(next: Order, shown: Order): boolean {
  return millis(next.updateTime) < millis(shown.updateTime);
}
