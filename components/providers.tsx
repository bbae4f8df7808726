"use client";

import { TransportProvider, addStaticKeyToTransport } from "@connectrpc/connect-query";
import { createConnectTransport } from "@connectrpc/connect-web";
import { QueryClientProvider, isServer } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { makeQueryClient } from "@/lib/query-client";
import { ordersTransportKey } from "@/lib/transport-key";
import { HydrationMarker } from "./hydration-marker";
import { TimeZoneContext } from "./time-zone-context";

// Connect GET for Read and List (NO_SIDE_EFFECTS): cacheable, and no CORS preflight.
const transport = addStaticKeyToTransport(
  createConnectTransport({ baseUrl: "/api", useHttpGet: true }),
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

/** The one client-side providers component: transport, query cache, and the time zone to render dates in. */
export function Providers({ children, serverTimeZone }: { children: ReactNode; serverTimeZone: string }) {
  const queryClient = getQueryClient();
  return (
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <TimeZoneContext value={serverTimeZone}>{children}</TimeZoneContext>
        <HydrationMarker />
      </QueryClientProvider>
    </TransportProvider>
  );
}
