"use client";

import { useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, use, useEffect, useState } from "react";
import type { ReactNode } from "react";
import type { WatchOrdersResponse } from "@/gen/order/order_pb";
import type { QueryClient } from "@tanstack/react-query";
import { orderChanges } from "@/lib/load-order-changes";
import { watchOrders } from "@/lib/watch-orders";
import type { LiveStatus } from "@/lib/watch-orders";

const LiveStatusContext = createContext<LiveStatus | undefined>(undefined);

async function apply(queryClient: QueryClient, { event }: WatchOrdersResponse): Promise<void> {
  // Only its cursor counts, which watchOrders keeps.
  if (event.case === "heartbeat" || event.case === undefined) return;
  const { applyOrderChange, refetchAllOrders } = await orderChanges.load();
  switch (event.case) {
    case "created":
    case "updated":
      return applyOrderChange(queryClient, { kind: event.case, order: event.value });
    case "deletedUuid":
      return applyOrderChange(queryClient, { kind: "deleted", uuid: event.value });
    case "reset":
      return refetchAllOrders(queryClient);
  }
}

/**
 * The tab's one WatchOrders subscription, while someone is signed in: every change committed
 * anywhere lands in this tab's query cache as it happens.
 */
export function LiveOrders({ heartbeatMs, children }: { heartbeatMs: number | undefined; children: ReactNode }) {
  const queryClient = useQueryClient();
  const transport = useTransport();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(() => {
    if (heartbeatMs === undefined) return;
    const stop = new AbortController();
    void watchOrders({
      transport,
      heartbeatMs,
      signal: stop.signal,
      onStatus: setStatus,
      onMessage: (message) => void apply(queryClient, message),
    });
    return () => stop.abort();
  }, [heartbeatMs, queryClient, transport]);
  return <LiveStatusContext value={heartbeatMs === undefined ? undefined : status}>{children}</LiveStatusContext>;
}

const looks: Record<LiveStatus, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-zinc-400" },
  live: { text: "Live", dot: "bg-emerald-500" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 motion-safe:animate-pulse" },
};

/** Says whether changes made elsewhere are arriving; announced politely when that changes. */
export function LiveIndicator() {
  const status = use(LiveStatusContext);
  if (status === undefined) return null;
  const { text, dot } = looks[status];
  return (
    <p
      role="status"
      className="flex min-h-6 items-center gap-1.5 text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {/* Phones get the dot alone (amber and pulsing while down): the header has no room for more. */}
      <span className="max-sm:sr-only">{text}</span>
    </p>
  );
}
