"use client";

// The client boundary of the order page: everything it imports runs in the browser as well.

import { useQuery } from "@connectrpc/connect-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { OrderService } from "@/gen/order/order_pb";
import { errorSentence, isNotFound } from "@/lib/connect-error-text";
import { toDate } from "@/lib/date-time";
import { useToggleCompleted } from "../hooks/use-toggle-completed";
import { Alert } from "../ui/alert";
import { LoadErrorPanel } from "../ui/load-error-panel";
import { LocalDateTime } from "../viewer-dates";
import { useListHref } from "../hooks/use-list-href";
import { CheckStatusButton } from "./check-status-button";
import { DeleteOrderButton } from "./delete-order-button";
import { EditOrderForm } from "./edit-order-form";
import { OrderGone } from "./order-gone";
import { OrderHistory } from "./order-history";
import { OrderStatusBadge } from "./order-status-badge";
import { ReadOnlyNotice } from "./read-only-notice";

function BackLink() {
  return (
    <Link
      href={useListHref()}
      className="inline-flex min-h-6 items-center gap-1 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <span aria-hidden="true">←</span> All orders
    </Link>
  );
}

/**
 * One order: its facts, the edit form, the completed switch, delete, and its history. A viewer
 * (`canWrite` false) gets the facts and the history, and is told once why nothing else.
 */
export function OrderDetail({ uuid, canWrite }: { uuid: string; canWrite: boolean }) {
  const read = useQuery(OrderService.method.readOrder, { uuid });
  const [toggleError, setToggleError] = useState<string | undefined>(undefined);
  const toggle = useToggleCompleted({
    onFailure: (reason, wanted) => setToggleError(`Couldn't mark it as ${wanted ? "completed" : "open"}: ${reason}`),
  });
  const order = read.data?.order;

  // The title follows a rename made here (the server's title is from the first load).
  useEffect(() => {
    if (order) document.title = `${order.name} · Orders`;
  }, [order]);

  // An answer without an order is how a delete is remembered (see useOrderCache).
  if ((read.data && !order) || isNotFound(read.error)) {
    return (
      <div className="flex flex-col gap-6">
        <BackLink />
        <OrderGone />
      </div>
    );
  }

  if (!order) {
    return (
      <div className="flex flex-col gap-6">
        <BackLink />
        <div className="rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          {read.isError ? (
            <LoadErrorPanel error={read.error} what="this order" onRetry={() => void read.refetch()} />
          ) : (
            <div role="status" aria-label="Loading order" className="h-64 animate-pulse" />
          )}
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <BackLink />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 dir="auto" className="text-2xl font-semibold tracking-tight break-words">
            {order.name}
          </h1>
          <div className="mt-2">
            <OrderStatusBadge completed={order.completed} />
          </div>
        </div>
        {canWrite && (
          <div className="flex shrink-0 gap-2">
            <button
              type="button"
              aria-disabled={toggle.isPending}
              onClick={() => {
                if (toggle.isPending) return;
                setToggleError(undefined);
                toggle.mutate({
                  uuid,
                  completed: !order.completed,
                  updateMask: { paths: ["completed"] },
                  etag: order.etag,
                });
              }}
              className="h-10 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 aria-disabled:opacity-70 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
            >
              {order.completed ? "Mark as open" : "Mark as completed"}
            </button>
            <DeleteOrderButton order={order} />
          </div>
        )}
      </div>
      {!canWrite && <ReadOnlyNotice />}
      {toggleError && (
        <Alert tone="error" onDismiss={() => setToggleError(undefined)}>
          {toggleError}
        </Alert>
      )}
      {read.isError && (
        <Alert tone="error">
          Couldn&apos;t refresh this order: {errorSentence(read.error)} Showing what was loaded before.{" "}
          <button type="button" className="min-h-6 font-medium underline" onClick={() => void read.refetch()}>
            Try again
          </button>
        </Alert>
      )}

      <dl className="grid grid-cols-1 gap-px overflow-hidden rounded-xl border border-zinc-200 bg-zinc-200 sm:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800">
        {[
          { term: "Date", date: toDate(order.date) },
          { term: "Created", date: toDate(order.createTime) },
          { term: "Last updated", date: toDate(order.updateTime) },
        ].map(({ term, date }) => (
          <div key={term} className="bg-white px-4 py-3 dark:bg-zinc-900">
            <dt className="text-xs font-medium tracking-wide text-zinc-600 uppercase dark:text-zinc-400">{term}</dt>
            <dd className="tabular mt-1 text-sm">
              <LocalDateTime date={date} />
            </dd>
          </div>
        ))}
      </dl>

      {canWrite && (
        <>
          <CheckStatusButton uuid={uuid} />
          <EditOrderForm key={order.uuid} order={order} />
        </>
      )}

      <OrderHistory uuid={uuid} etag={order.etag} />

      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Order ID <code className="font-mono break-all">{order.uuid}</code>
      </p>
    </div>
  );
}
