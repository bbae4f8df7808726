import Link from "next/link";
import type { MouseEvent } from "react";
import type { Order } from "@/gen/order/order_pb";
import { actorName } from "@/lib/actor-name";
import { toDate } from "@/lib/date-time";
import type { SortKey } from "@/lib/list-view";
import { DateTimeText, useViewerDates } from "../viewer-dates";
import { CompletedToggle } from "./completed-toggle";
import { OpeningHint } from "./opening-hint";
import { useCompletedToggles } from "../hooks/use-completed-toggles";
import type { OrderSelection } from "../hooks/use-order-selection";
import { SelectOrderCheckbox, SelectPageCheckbox } from "./select-checkboxes";

const headClass =
  "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400";
// Rows are at least this tall, loaded or not, so nothing below moves when data arrives.
const rowClass = "h-16 border-t border-zinc-200 dark:border-zinc-800";

/** A column the list can be sorted by: its header is a button, and says how it is sorted (aria-sort). */
function SortableHead({
  label,
  column,
  sort,
  onSort,
  className,
}: {
  label: string;
  column: "name" | "date";
  sort: SortKey | undefined;
  onSort: ((sort: SortKey) => void) | undefined;
  className: string;
}) {
  const direction = sort?.startsWith(column) ? (sort.endsWith("asc") ? "ascending" : "descending") : undefined;
  // A first click sorts names A–Z and dates newest first, as GitHub's and Linear's columns do.
  const next: SortKey =
    column === "name"
      ? direction === "ascending"
        ? "name-desc"
        : "name-asc"
      : direction === "descending"
        ? "date-asc"
        : "date-desc";
  return (
    <th scope="col" aria-sort={direction ?? "none"} className={className}>
      {onSort ? (
        <button
          type="button"
          onClick={() => onSort(next)}
          className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
        >
          {label}
          <span aria-hidden="true">{direction === "ascending" ? "↑" : direction === "descending" ? "↓" : ""}</span>
        </button>
      ) : (
        label
      )}
    </th>
  );
}

function TableHead({
  sort,
  onSort,
  selection,
}: {
  sort?: SortKey;
  onSort?: (sort: SortKey) => void;
  selection?: OrderSelection;
}) {
  return (
    <thead className="bg-zinc-50 dark:bg-zinc-900/60">
      <tr>
        {selection && (
          <th scope="col" className={`${headClass} w-10`}>
            <SelectPageCheckbox selection={selection} />
          </th>
        )}
        {/* A visible heading: the checkboxes save at once, they do not select rows. The list has no
            Status column besides: the checkbox is the status (as in Todoist or Things), where a
            badge beside it said the same thing twice. The order's page keeps the badge. */}
        <th scope="col" className={`${headClass} w-16 sm:w-28`}>
          <span className="max-sm:sr-only">Completed</span>
          <span aria-hidden="true" className="sm:hidden">
            Done
          </span>
        </th>
        <SortableHead label="Name" column="name" sort={sort} onSort={onSort} className={headClass} />
        <SortableHead
          label="Date"
          column="date"
          sort={sort}
          onSort={onSort}
          className={`${headClass} hidden w-48 sm:table-cell`}
        />
        <th scope="col" className={`${headClass} hidden w-48 lg:table-cell`}>
          Created
        </th>
        <th scope="col" className={`${headClass} hidden w-36 xl:table-cell`}>
          Created by
        </th>
      </tr>
    </thead>
  );
}

/**
 * The orders of one page. Names are text nodes (markup stays inert), wrap rather than truncate
 * (two long names must not look alike), and take their direction from their own text.
 */
export function OrdersTable({
  orders,
  busy,
  canWrite,
  onToggleFailure,
  onToggleSaved,
  onOpenOrder,
  openingHref,
  sort,
  onSort,
  selection,
}: {
  orders: Order[];
  /** The list's sort, shown on the column headers, which change it when clicked. */
  sort?: SortKey;
  onSort?: (sort: SortKey) => void;
  busy: boolean;
  /** False for a viewer: the completed checkboxes show the state but cannot change it. */
  canWrite: boolean;
  onToggleFailure: (message: string) => void;
  onToggleSaved: (message: string) => void;
  onOpenOrder: (event: MouseEvent<HTMLAnchorElement>) => void;
  openingHref: string | undefined;
  /** Given to those who may write: a checkbox per row for bulk actions. */
  selection?: OrderSelection;
}) {
  const toggles = useCompletedToggles({ onFailure: onToggleFailure, onSaved: onToggleSaved });
  const viewer = useViewerDates();
  return (
    <table
      aria-busy={busy || undefined}
      className={`w-full table-fixed text-sm transition-opacity ${busy ? "opacity-60" : ""}`}
    >
      <caption className="sr-only">Orders</caption>
      <TableHead sort={sort} onSort={onSort} selection={selection} />
      <tbody>
        {orders.map((order) => (
          <tr key={order.uuid} className={`${rowClass} hover:bg-zinc-50 dark:hover:bg-zinc-800/40`}>
            {selection && (
              <td className="px-3 align-middle">
                <SelectOrderCheckbox selection={selection} uuid={order.uuid} name={order.name} />
              </td>
            )}
            <td className="px-3 align-middle">
              <CompletedToggle order={order} toggles={toggles} disabled={!canWrite} />
            </td>
            <td className="min-w-0 px-3 py-2 align-middle">
              {/* Not prefetched: each visible row would ask the server for a dynamic render
                  (signed-in, uncacheable) of its order, a page of 100 asking 100 times on every
                  visit; an order is one round trip away when clicked, and says "Opening…". */}
              <Link
                href={`/orders/${order.uuid}`}
                prefetch={false}
                onClick={onOpenOrder}
                dir="auto"
                className="block min-h-6 rounded py-0.5 font-medium break-words text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:text-indigo-900 hover:decoration-2 dark:text-indigo-300 dark:decoration-indigo-700 dark:hover:text-indigo-200"
              >
                {order.name}
                <OpeningHint opening={openingHref === `/orders/${order.uuid}`} />
              </Link>
              {/* Narrow screens: the date under the name instead of in a column of its own. */}
              <span className="tabular mt-0.5 block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                <DateTimeText date={toDate(order.date)} {...viewer} />
              </span>
            </td>
            <td className="tabular hidden px-3 align-middle text-zinc-700 sm:table-cell dark:text-zinc-300">
              <DateTimeText date={toDate(order.date)} {...viewer} />
            </td>
            <td className="tabular hidden px-3 align-middle text-zinc-600 lg:table-cell dark:text-zinc-400">
              <DateTimeText date={toDate(order.createTime)} {...viewer} />
            </td>
            <td dir="auto" className="hidden truncate px-3 align-middle text-zinc-600 xl:table-cell dark:text-zinc-400">
              {actorName(order.createdBy)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Placeholder rows in the table's exact shape while the first page of a view loads. */
export function OrdersTableSkeleton({ rows }: { rows: number }) {
  const bar = "animate-pulse rounded bg-zinc-200 dark:bg-zinc-800";
  return (
    <table className="w-full table-fixed text-sm" aria-hidden="true">
      <TableHead />
      <tbody>
        {Array.from({ length: rows }, (_, index) => (
          <tr key={index} className={rowClass}>
            <td className="px-3">
              <div className={`size-6 ${bar}`} />
            </td>
            <td className="px-3">
              <div className={`h-4 w-3/4 ${bar}`} />
            </td>
            <td className="hidden px-3 sm:table-cell">
              <div className={`h-4 w-32 ${bar}`} />
            </td>
            <td className="hidden px-3 lg:table-cell">
              <div className={`h-4 w-32 ${bar}`} />
            </td>
            <td className="hidden px-3 xl:table-cell">
              <div className={`h-4 w-20 ${bar}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
