"use client";

import { TransportProvider, addStaticKeyToTransport } from "@connectrpc/connect-query";
import { createConnectTransport } from "@connectrpc/connect-web";
import { QueryClientProvider, isServer } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { makeQueryClient } from "@/lib/query-client";
import { ordersTransportKey } from "@/lib/transport-key";
import { LiveOrders } from "./live-orders";
import { ViewerDatesProvider } from "./viewer-dates";

// Connect GET for Read and List (NO_SIDE_EFFECTS): cacheable, and no CORS preflight. Binary
// protobuf, so the JSON codec stays out of the bundle (lib/protobuf-json.browser.ts).
const transport = addStaticKeyToTransport(
  createConnectTransport({ baseUrl: "/api", useHttpGet: true, useBinaryFormat: true }),
  ordersTransportKey,
);

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // Server: always a new client, so no two requests (or people) ever share a cache.
  if (isServer) return makeQueryClient();
  // Browser: one per tab, created outside render so a suspended first render cannot lose it.
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/** The one client-side providers component: transport, query cache, live changes, and how to show dates. */
export function Providers({
  children,
  locale,
  timeZone,
  liveHeartbeatMs,
}: {
  children: ReactNode;
  /** The reader's language (Accept-Language), for dates in their format. */
  locale: string;
  /** The reader's zone as their cookie says, or undefined on a first visit. */
  timeZone: string | undefined;
  /** The server's WatchOrders heartbeat interval while someone is signed in; undefined: no live stream. */
  liveHeartbeatMs: number | undefined;
}) {
  const queryClient = getQueryClient();
  return (
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <LiveOrders heartbeatMs={liveHeartbeatMs}>
          <ViewerDatesProvider locale={locale} timeZone={timeZone}>
            {children}
          </ViewerDatesProvider>
        </LiveOrders>
      </QueryClientProvider>
    </TransportProvider>
  );
}
