"use client";

import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { OrderService } from "@/gen/order/order_pb";
import { fieldViolations } from "@/lib/connect-error-text";
import { defaultView, listRequestOf, pageSize } from "@/lib/list-view";
import { Alert } from "./alert";
import { CreateOrderForm } from "./create-order-form";
import { EmptyState } from "./empty-state";
import { ErrorPanel } from "./error-panel";
import { setFlash, useFlash } from "./flash-store";
import { OrdersTable, OrdersTableSkeleton } from "./orders-table";
import { OrdersToolbar } from "./orders-toolbar";
import { Pagination } from "./pagination";
import { useListView } from "./use-list-view";

/** The list screen: create form, then the orders the URL asks for. */
export function OrdersScreen() {
  const [view, setView] = useListView();
  const orders = useQuery(OrderService.method.listOrders, listRequestOf(view), {
    // The old page stays on screen (dimmed) while the next one loads: no flash, no jump.
    placeholderData: keepPreviousData,
  });
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | undefined>(undefined);
  const flash = useFlash();
  const flashRef = useRef<HTMLDivElement>(null);

  const stalePageToken = Boolean(view.page) && fieldViolations(orders.error).has("page_token");
  const [rejectedToken, setRejectedToken] = useState<string | undefined>(undefined);
  if (stalePageToken && rejectedToken !== view.page) {
    // Adjusted during render (not in an effect) so the notice and the fallback arrive together.
    setRejectedToken(view.page);
    setNotice({ tone: "info", text: "That page link no longer matches the list, so you're back on the first page." });
  }
  useEffect(() => {
    if (stalePageToken) setView({ ...view, page: "", pageNumber: 1 }, { replace: true });
  }, [stalePageToken, view, setView]);

  useEffect(() => {
    // Arriving from a deleted order's page: say what happened where focus lands.
    if (flash) flashRef.current?.focus();
  }, [flash]);

  const data = orders.data;
  const filtered = view.filter !== "all" || view.search.trim() !== "";
  const pageCount = data ? Math.ceil(data.totalSize / pageSize) : 1;
  // After a back-step the server may hand the first page back; trust its tokens over our count.
  const pageNumber = data && !data.previousPageToken ? 1 : view.pageNumber;

  let body;
  if (data) {
    body =
      data.orders.length === 0 ? (
        <EmptyState filtered={filtered} onClear={() => setView(defaultView)} />
      ) : (
        <OrdersTable
          orders={data.orders}
          busy={orders.isPlaceholderData}
          onToggleFailure={(text) => setNotice({ tone: "error", text })}
        />
      );
  } else if (orders.isError && !stalePageToken) {
    body = <ErrorPanel error={orders.error} what="orders" onRetry={() => void orders.refetch()} />;
  } else {
    body = (
      <div role="status" aria-label="Loading orders">
        <OrdersTableSkeleton rows={8} />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        <p className="text-sm text-zinc-600 tabular dark:text-zinc-400">
          {data ? `${data.totalSize.toLocaleString("en-GB")} ${filtered ? "matching" : "in total"}` : "\u00a0"}
        </p>
      </div>

      {flash && (
        <div ref={flashRef} tabIndex={-1} className="outline-none">
          <Alert tone="info" onDismiss={() => setFlash(undefined)}>
            {flash}
          </Alert>
        </div>
      )}

      <CreateOrderForm />

      <section aria-labelledby="list-heading" className="flex flex-col gap-4">
        <h2 id="list-heading" className="sr-only">
          Order list
        </h2>
        <OrdersToolbar view={view} onChange={setView} />
        {notice && (
          <Alert tone={notice.tone} onDismiss={() => setNotice(undefined)}>
            {notice.text}
          </Alert>
        )}
        {data && orders.isError && !stalePageToken && (
          <Alert tone="error">
            Couldn&apos;t refresh the list; showing what was loaded before.{" "}
            <button type="button" className="font-medium underline" onClick={() => void orders.refetch()}>
              Try again
            </button>
          </Alert>
        )}
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          {body}
          {data && data.orders.length > 0 && (
            <Pagination
              pageNumber={pageNumber}
              pageCount={pageCount}
              totalSize={data.totalSize}
              // Tokens of a placeholder page belong to the previous view; the server would refuse them.
              onPrevious={
                data.previousPageToken && !orders.isPlaceholderData
                  ? () =>
                      // Page 1 gets the plain URL rather than a backward token: one address per view.
                      setView(
                        pageNumber <= 2
                          ? { ...view, page: "", pageNumber: 1 }
                          : { ...view, page: data.previousPageToken, pageNumber: pageNumber - 1 },
                      )
                  : undefined
              }
              onNext={
                data.nextPageToken && !orders.isPlaceholderData
                  ? () => setView({ ...view, page: data.nextPageToken, pageNumber: pageNumber + 1 })
                  : undefined
              }
            />
          )}
        </div>
      </section>
    </div>
  );
}
