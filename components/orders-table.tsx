"use client";

import Link from "next/link";
import type { Order } from "@/gen/order/order_pb";
import { toDate } from "@/lib/order-dates";
import { CompletedToggle } from "./completed-toggle";
import { FormattedDate } from "./formatted-date";
import { StatusBadge } from "./status-badge";

const headClass = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400";
// Every row is the same height, loaded or not, so nothing below moves when data arrives.
const rowClass = "h-16 border-t border-zinc-200 dark:border-zinc-800";

function TableHead() {
  return (
    <thead className="bg-zinc-50 dark:bg-zinc-900/60">
      <tr>
        <th scope="col" className={`${headClass} w-12`}>
          <span className="sr-only">Completed</span>
        </th>
        <th scope="col" className={headClass}>Name</th>
        <th scope="col" className={`${headClass} hidden w-32 sm:table-cell`}>Status</th>
        <th scope="col" className={`${headClass} w-36 sm:w-44`}>Date</th>
        <th scope="col" className={`${headClass} hidden w-44 md:table-cell`}>Created</th>
      </tr>
    </thead>
  );
}

/** The orders of one page; names are text nodes, so markup in a name stays inert. */
export function OrdersTable({
  orders,
  busy,
  onToggleFailure,
}: {
  orders: Order[];
  busy: boolean;
  onToggleFailure: (message: string) => void;
}) {
  return (
    <table aria-busy={busy || undefined} className={`w-full table-fixed text-sm transition-opacity ${busy ? "opacity-60" : ""}`}>
      <caption className="sr-only">Orders</caption>
      <TableHead />
      <tbody>
        {orders.map((order) => (
          <tr key={order.uuid} className={`${rowClass} hover:bg-zinc-50 dark:hover:bg-zinc-800/40`}>
            <td className="px-3 align-middle">
              <CompletedToggle order={order} onFailure={onToggleFailure} />
            </td>
            <td className="min-w-0 px-3 align-middle">
              <Link
                href={`/orders/${order.uuid}`}
                className="block truncate rounded font-medium text-zinc-900 hover:text-indigo-700 hover:underline dark:text-zinc-100 dark:hover:text-indigo-300"
              >
                {order.name}
              </Link>
              <span className="mt-0.5 block text-xs text-zinc-600 sm:hidden dark:text-zinc-400">
                {order.completed ? "Completed" : "Open"}
              </span>
            </td>
            <td className="hidden px-3 align-middle sm:table-cell">
              <StatusBadge completed={order.completed} />
            </td>
            <td className="px-3 align-middle text-zinc-700 tabular dark:text-zinc-300">
              <FormattedDate date={toDate(order.date)} />
            </td>
            <td className="hidden px-3 align-middle text-zinc-600 tabular md:table-cell dark:text-zinc-400">
              <FormattedDate date={toDate(order.createTime)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Placeholder rows in the table's exact shape while the first page of a view loads. */
export function OrdersTableSkeleton({ rows }: { rows: number }) {
  return (
    <table className="w-full table-fixed text-sm" aria-hidden="true">
      <TableHead />
      <tbody>
        {Array.from({ length: rows }, (_, index) => (
          <tr key={index} className={rowClass}>
            <td className="px-3"><div className="size-5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" /></td>
            <td className="px-3"><div className="h-4 w-3/4 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" /></td>
            <td className="hidden px-3 sm:table-cell"><div className="h-5 w-20 animate-pulse rounded-full bg-zinc-200 dark:bg-zinc-800" /></td>
            <td className="px-3"><div className="h-4 w-28 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" /></td>
            <td className="hidden px-3 md:table-cell"><div className="h-4 w-32 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
