import { createConnectQueryKey, useQuery } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { OrderHistoryService } from "@/gen/order/order_history_pb";
import { errorSentence } from "@/lib/connect-error-text";
import { formatDateTime, toDate } from "@/lib/date-time";
import { historySentence } from "@/lib/history-text";
import { useViewerDates } from "../viewer-dates";

const pageSize = 20;
/** Every cached page of every order's history. */
const orderHistoryKey = createConnectQueryKey({
  schema: OrderHistoryService.method.listOrderHistory,
  cardinality: undefined,
});
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "2 min. ago", "yesterday"; "just now" under a minute. */
function ago(date: Date, now: number, locale: string): string {
  const elapsed = now - date.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, ms] of units) if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  return "just now";
}

/** The clock the relative times are read against, moved on every half minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** One page of entries, and the button to the next (older) one. */
function HistoryPage({
  uuid,
  pageToken,
  onOlder,
}: {
  uuid: string;
  pageToken: string;
  onOlder?: (token: string) => void;
}) {
  const history = useQuery(OrderHistoryService.method.listOrderHistory, { uuid, pageSize, pageToken });
  const { locale, timeZone } = useViewerDates();
  const now = useNow();
  if (history.isError)
    return (
      <li className="text-sm text-red-700 dark:text-red-400">
        Couldn&apos;t load the history: {errorSentence(history.error)}
      </li>
    );
  if (!history.data)
    return (
      <li
        role="status"
        aria-label="Loading history"
        className="h-6 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800"
      />
    );
  const formatDate = (iso: string) => formatDateTime(new Date(iso), locale, timeZone ?? "UTC");
  const { entries, nextPageToken } = history.data;
  return (
    <>
      {entries.map((entry) => {
        const time = toDate(entry.time) ?? new Date(0);
        return (
          <li key={`${time.getTime()}-${entry.kind}-${entry.actor}`} className="relative pl-5 text-sm">
            <span aria-hidden="true" className="absolute top-1.5 left-0 size-2 rounded-full bg-indigo-500" />
            <span dir="auto" className="break-words">
              {historySentence(entry, formatDate)}
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {" · "}
              <time dateTime={time.toISOString()} title={formatDate(time.toISOString())}>
                {ago(time, now, locale)}
              </time>
            </span>
          </li>
        );
      })}
      {nextPageToken && onOlder && (
        <li>
          <button
            type="button"
            onClick={() => onOlder(nextPageToken)}
            className="min-h-6 text-sm font-medium underline"
          >
            Show older changes
          </button>
        </li>
      )}
    </>
  );
}

/**
 * The order's history as a timeline, newest first ("maria renamed it from “A” to “B” · 2 min.
 * ago"), read again whenever the order changes (`etag`), older pages on request.
 */
export function OrderHistory({ uuid, etag }: { uuid: string; etag: string }) {
  const [pageTokens, setPageTokens] = useState<string[]>([""]);
  const queryClient = useQueryClient();
  const seenEtag = useRef(etag);
  useEffect(() => {
    if (seenEtag.current === etag) return;
    seenEtag.current = etag;
    void queryClient.invalidateQueries({ queryKey: orderHistoryKey });
  }, [etag, queryClient]);
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      <ol
        aria-label="Changes, newest first"
        className="flex flex-col gap-2 border-l border-zinc-200 pl-3 dark:border-zinc-800"
      >
        {pageTokens.map((pageToken, index) => (
          <HistoryPage
            key={pageToken}
            uuid={uuid}
            pageToken={pageToken}
            onOlder={
              index === pageTokens.length - 1 ? (token) => setPageTokens((tokens) => [...tokens, token]) : undefined
            }
          />
        ))}
      </ol>
    </section>
  );
}
