"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, use, useCallback, useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { WatchOrdersResponse } from "@/gen/order/order_pb";
import type { QueryClient } from "@tanstack/react-query";
import { orderChanges } from "@/lib/load-order-changes";
import { watchOrders } from "@/lib/watch-orders";
import type { LiveStatus } from "@/lib/watch-orders";

/** What the tab knows of its live stream and its sign-in. */
type Live = {
  /** The stream's state; undefined while nobody is signed in (no stream). */
  status: LiveStatus | undefined;
  /** The server said this tab's sign-in ended (signed out elsewhere, removed, expired). */
  signedOut: boolean;
  /** This tab has signed in again: carry on. */
  signedIn: () => void;
  /** How many times the stream came back after being down: messages about the outage can go. */
  recoveries: number;
};

const LiveContext = createContext<Live>({ status: undefined, signedOut: false, signedIn: () => {}, recoveries: 0 });

/** The tab's live stream and sign-in state. */
export function useLive(): Live {
  return use(LiveContext);
}

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

const refusedForSignIn = (error: unknown) => ConnectError.from(error).code === Code.Unauthenticated;

/**
 * The tab's one WatchOrders subscription, while someone is signed in: every change committed
 * anywhere lands in this tab's query cache as it happens. When the server says the sign-in is
 * over (the stream ends, or any call is refused, with UNAUTHENTICATED), the tab is signed out:
 * nothing on the page is touched, so unsaved text stays. It tries again when the tab regains
 * focus (another tab may have signed in) and at once when this tab signs in again.
 */
export function LiveOrders({ heartbeatMs, children }: { heartbeatMs: number | undefined; children: ReactNode }) {
  const queryClient = useQueryClient();
  const transport = useTransport();
  const router = useRouter();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [signedOut, setSignedOut] = useState(false);
  const [recoveries, setRecoveries] = useState(0);
  const wasDown = useRef(false);
  // Each try opens the stream anew. A stream opened before the sign-out was noticed may still
  // say "live" for a moment; only one opened after it proves a new sign-in.
  const [attempt, setAttempt] = useState(0);
  const signedOutDuring = useRef<number | undefined>(undefined);
  const attemptNow = useRef(attempt);
  useEffect(() => {
    attemptNow.current = attempt;
  }, [attempt]);

  const noticeSignedOut = useCallback(() => {
    signedOutDuring.current ??= attemptNow.current;
    setSignedOut(true);
  }, []);

  const carryOn = useCallback(() => {
    signedOutDuring.current = undefined;
    setSignedOut(false);
    // The header and anything else rendered on the server show who is signed in now; failed
    // reads are read again. Client state (typed text) is kept.
    router.refresh();
    void queryClient.invalidateQueries();
  }, [queryClient, router]);

  useEffect(() => {
    if (heartbeatMs === undefined) return;
    const stop = new AbortController();
    void watchOrders({
      transport,
      heartbeatMs,
      signal: stop.signal,
      onStatus(next) {
        if (next === "signed-out") return noticeSignedOut();
        setStatus(next);
        if (next === "reconnecting") wasDown.current = true;
        if (next === "live" && wasDown.current) {
          wasDown.current = false;
          // The server is back: whatever failed meanwhile (a list, a page of it, an order) is
          // read again, so its error gives way to data without a "Try again".
          void queryClient.invalidateQueries({ predicate: (query) => query.state.status === "error" });
          setRecoveries((count) => count + 1);
        }
        const since = signedOutDuring.current;
        if (next === "live" && since !== undefined && attempt > since) carryOn();
      },
      onMessage: (message) => void apply(queryClient, message),
    });
    return () => stop.abort();
  }, [heartbeatMs, queryClient, transport, attempt, noticeSignedOut, carryOn]);

  useEffect(() => {
    if (heartbeatMs === undefined) return;
    const onError = (event: { type: string; action?: { type: string; error?: unknown } }) => {
      if (event.type === "updated" && event.action?.type === "error" && refusedForSignIn(event.action.error)) {
        noticeSignedOut();
      }
    };
    const stopQueries = queryClient.getQueryCache().subscribe(onError);
    const stopMutations = queryClient.getMutationCache().subscribe(onError);
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [heartbeatMs, queryClient, noticeSignedOut]);

  useEffect(() => {
    if (!signedOut) return;
    const tryAgain = () => {
      if (document.visibilityState === "visible") setAttempt((current) => current + 1);
    };
    window.addEventListener("focus", tryAgain);
    document.addEventListener("visibilitychange", tryAgain);
    return () => {
      window.removeEventListener("focus", tryAgain);
      document.removeEventListener("visibilitychange", tryAgain);
    };
  }, [signedOut]);

  const signedIn = useCallback(() => {
    carryOn();
    setAttempt((current) => current + 1);
  }, [carryOn]);

  return (
    <LiveContext value={{ status: heartbeatMs === undefined ? undefined : status, signedOut, signedIn, recoveries }}>
      {children}
    </LiveContext>
  );
}

const looks: Record<Exclude<LiveStatus, "signed-out">, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-zinc-400" },
  live: { text: "Live", dot: "bg-emerald-500" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 motion-safe:animate-pulse" },
};

/** Says whether changes made elsewhere are arriving; announced politely when that changes. */
export function LiveIndicator({ className = "" }: { className?: string }) {
  const { status, signedOut } = useLive();
  // Signed out, the header says so instead (account-status.tsx).
  if (status === undefined || status === "signed-out" || signedOut) return null;
  const { text, dot } = looks[status];
  return (
    <p
      role="status"
      className={`flex min-h-6 items-center gap-1.5 text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400 ${className}`}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${dot}`} />
      {text}
    </p>
  );
}
