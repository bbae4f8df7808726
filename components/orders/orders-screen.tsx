"use client";

// The client boundary of the list page: everything it imports runs in the browser as well.

import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { OrderService } from "@/gen/order/order_pb";
import { errorSentence, outageMessage } from "@/lib/connect-error-text";
import { defaultView, fallbackForStalePage, firstPageOf, listRequestOf, totalText } from "@/lib/list-view";
import type { ListView } from "@/lib/list-view";
import { pagingOf } from "@/lib/list-paging";
import { listTitle } from "@/lib/list-title";
import { clearNewOrders } from "@/lib/new-orders";
import { setFlashMessage, useFlashMessage } from "../hooks/use-flash-message";
import { useListShortcuts } from "../hooks/use-list-shortcuts";
import { useListView } from "../hooks/use-list-view";
import { useOrderSelection } from "../hooks/use-order-selection";
import { useReachableNavigation } from "../hooks/use-reachable-navigation";
import { Alert } from "../ui/alert";
import { LoadErrorPanel } from "../ui/load-error-panel";
import { useLive } from "../live-orders";
import { useTimeZoneWhen } from "../viewer-dates";
import { BulkActions } from "./bulk-actions";
import { CreateOrderForm } from "./create-order-form";
import { CsvLinks } from "./export-link";
import { NewOrdersNotice } from "./new-orders-notice";
import { OrdersEmptyState } from "./orders-empty-state";
import { OrdersPagination } from "./orders-pagination";
import { OrdersTable, OrdersTableSkeleton } from "./orders-table";
import { OrdersToolbar } from "./orders-toolbar";
import { ReadOnlyNotice } from "./read-only-notice";

// The `?` dialog, fetched when first asked for: not part of the list's first load.
const ShortcutsDialog = lazy(() => import("./shortcuts-dialog"));

type Notice = { tone: "info" | "error" | "success"; text: string };

/** How long a success message stays, long enough to read twice. */
const successShownMs = 8_000;

/** The list screen: create form (for those who may write), then the orders the URL asks for. */
export function OrdersScreen({ canWrite }: { canWrite: boolean }) {
  const [view, setView] = useListView();
  // A date range's days are the viewer's; while hydrating, in the zone the server used: the same query.
  const timeZone = useTimeZoneWhen(Boolean(view.from || view.to));
  const orders = useQuery(OrderService.method.listOrders, listRequestOf(view, timeZone), {
    // The old page stays on screen (dimmed) while the next one loads: no flash, no jump.
    placeholderData: keepPreviousData,
  });
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const orderLinks = useReachableNavigation();
  const flash = useFlashMessage();
  const flashRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Set by Previous/Next: once the new page is on screen, the person is taken to its top.
  const pagedRef = useRef(false);

  const fallback = fallbackForStalePage(view, orders.error);
  const [rejectedToken, setRejectedToken] = useState<string | undefined>(undefined);
  if (fallback && rejectedToken !== view.page) {
    // Adjusted during render (not in an effect) so the notice and the fallback arrive together.
    setRejectedToken(view.page);
    setNotice({ tone: "info", text: "That page link no longer matches the list, so you're back on the first page." });
  }
  useEffect(() => {
    if (fallback) setView(fallback, { replace: true });
  }, [fallback, setView]);

  useEffect(() => {
    // Arriving from a deleted order's page: say what happened where focus lands.
    if (flash) flashRef.current?.focus();
  }, [flash]);

  const data = orders.data;
  const pageUuids = useMemo(() => data?.orders.map((order) => order.uuid) ?? [], [data]);
  const selection = useOrderSelection(pageUuids);
  const pageLanded = data && !orders.isPlaceholderData;
  useEffect(() => {
    if (!pageLanded || !pagedRef.current) return;
    pagedRef.current = false;
    // Focus and scroll to the top of the new page, so reading (and Tab) starts at its first row.
    listRef.current?.focus({ preventScroll: true });
    listRef.current?.scrollIntoView({ block: "start" });
  }, [pageLanded, data]);

  const filtered = view.filter !== "all" || view.search.trim() !== "" || Boolean(view.from || view.to);
  const pageCount = data ? Math.ceil(data.totalSize / view.size) : 1;
  const paging = data && !orders.isPlaceholderData ? pagingOf(view, data, pageCount) : undefined;
  const pageNumber = paging?.pageNumber ?? (view.fromEnd ? pageCount - view.pageNumber + 1 : view.pageNumber);
  const goTo = (next: ListView | undefined) =>
    next &&
    (() => {
      pagedRef.current = true;
      setView(next);
    });
  // From the end, the server reads the reversed listing: its rows are shown the right way round.
  const rows = data && view.fromEnd ? data.orders.toReversed() : data?.orders;
  const showNew = () => {
    clearNewOrders();
    void orders.refetch();
  };
  useEffect(() => {
    if (data) clearNewOrders(data.orders.map((order) => order.uuid));
  }, [data]);
  useEffect(() => clearNewOrders(), [view]);
  // Success needs no answer: it goes by itself after a while (errors stay until dismissed).
  useEffect(() => {
    if (notice?.tone !== "success") return;
    const timer = setTimeout(() => setNotice(undefined), successShownMs);
    return () => clearTimeout(timer);
  }, [notice]);
  useEffect(() => {
    document.title = listTitle(view);
  }, [view]);
  // The live stream is back after an outage: the messages about it go (the failed reads are
  // read again by LiveOrders).
  const { recoveries } = useLive();
  const [seenRecoveries, setSeenRecoveries] = useState(recoveries);
  if (recoveries !== seenRecoveries) {
    // Adjusted during render, as the stale-page fallback above.
    setSeenRecoveries(recoveries);
    orderLinks.clearUnreachable();
    if (notice?.tone === "error") setNotice(undefined);
  }
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useListShortcuts({ onHelp: openHelp });
  const clearFilters = () => {
    setView(defaultView);
    // The button that was pressed goes away with the empty state; focus goes where the next search starts.
    searchRef.current?.focus();
  };

  let body;
  if (data && rows) {
    body =
      rows.length === 0 ? (
        <OrdersEmptyState filtered={filtered} onClear={clearFilters} />
      ) : (
        <OrdersTable
          orders={rows}
          busy={orders.isPlaceholderData}
          canWrite={canWrite}
          onToggleFailure={(text) => setNotice({ tone: "error", text })}
          onToggleSaved={(text) => {
            // One message at a time: the newest replaces what was said before.
            setFlashMessage(undefined);
            setNotice({ tone: "success", text });
          }}
          onOpenOrder={orderLinks.onLinkClick}
          sort={view.sort}
          onSort={(sort) => setView(firstPageOf(view, { sort }))}
          openingHref={orderLinks.openingHref}
          selection={canWrite ? selection : undefined}
        />
      );
  } else if (orders.isError && !fallback) {
    body = <LoadErrorPanel error={orders.error} what="orders" onRetry={() => void orders.refetch()} />;
  } else {
    body = (
      <div role="status" aria-label="Loading orders">
        <OrdersTableSkeleton rows={8} />
      </div>
    );
  }

  let summary = "";
  if (data) {
    summary = `${totalText(data.totalSize, data.totalSizeIsEstimate)} ${filtered ? "matching" : "in total"}`;
  }

  return (
    <div className="flex flex-col gap-6">
      {helpOpen && (
        <Suspense>
          <ShortcutsDialog onClose={() => setHelpOpen(false)} />
        </Suspense>
      )}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        {/* A live region from the first render, so later counts are announced as they change. */}
        <p role="status" className="tabular min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
          {summary}
        </p>
      </div>

      {flash && (
        <div ref={flashRef} tabIndex={-1} className="outline-none">
          <Alert tone="info" onDismiss={() => setFlashMessage(undefined)}>
            {flash}
          </Alert>
        </div>
      )}

      {canWrite ? <CreateOrderForm /> : <ReadOnlyNotice />}

      <section
        ref={listRef}
        tabIndex={-1}
        aria-labelledby="list-heading"
        className="flex scroll-mt-4 flex-col gap-4 outline-none"
      >
        <h2 id="list-heading" className="sr-only">
          Order list, page {pageNumber}
        </h2>
        <OrdersToolbar view={view} onChange={setView} searchRef={searchRef} />
        {canWrite && data && <BulkActions orders={data.orders} selection={selection} />}
        {notice && (
          <Alert tone={notice.tone} onDismiss={() => setNotice(undefined)}>
            {notice.text}
          </Alert>
        )}
        {/* A list that cannot refresh already says the server is down, with its own retry. */}
        {orderLinks.unreachableHref && !(data && orders.isError) && (
          <Alert tone="error">
            {outageMessage}{" "}
            <button type="button" className="min-h-6 font-medium underline" onClick={orderLinks.retry}>
              Try again
            </button>
          </Alert>
        )}
        {data && orders.isError && !fallback && (
          <Alert tone="error">
            Couldn&apos;t refresh the list: {errorSentence(orders.error)}{" "}
            <button type="button" className="min-h-6 font-medium underline" onClick={() => void orders.refetch()}>
              Try again
            </button>
          </Alert>
        )}
        <NewOrdersNotice shown={data?.orders.map((order) => order.uuid) ?? []} onShow={showNew} />
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
          {body}
          {data && data.orders.length > 0 && (
            <OrdersPagination
              pageNumber={pageNumber}
              pageCount={pageCount}
              totalSize={data.totalSize}
              totalIsEstimate={data.totalSizeIsEstimate}
              size={view.size}
              onSize={(size) => setView(firstPageOf(view, { size }))}
              // Tokens of a placeholder page belong to the previous view; the server would refuse them.
              onFirst={goTo(paging?.first)}
              onPrevious={goTo(paging?.previous)}
              onNext={goTo(paging?.next)}
              onLast={goTo(paging?.last)}
            />
          )}
        </div>
        {/* Below the list, so that a phone still shows three orders above the fold. */}
        <CsvLinks view={view} timeZone={timeZone} canWrite={canWrite} />
      </section>
    </div>
  );
}
