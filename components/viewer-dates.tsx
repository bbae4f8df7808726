"use client";

import { createContext, use, useEffect, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { formatDateTime, timeZoneCookie } from "@/lib/date-time";

/** What the server knew about the viewer: their locale, and their zone once the cookie says it. */
type ServerViewer = { locale: string; timeZone: string | undefined };

const ServerViewerContext = createContext<ServerViewer>({ locale: "en-US", timeZone: undefined });

const subscribe = () => () => {};
// Read once: React asks a store's snapshot on every render of every reader, and each new
// Intl.DateTimeFormat costs tens of microseconds (a phone's first visit of the list made dozens).
let viewerTimeZone: string | undefined;
const browserTimeZone = () => (viewerTimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * Hands the server's view of the reader (layout: cookie and Accept-Language) to every date below,
 * and writes the browser's zone to the cookie once it differs, so every later server render is
 * exact: here, once per page, not in each of the list's many dates.
 */
export function ViewerDatesProvider({ locale, timeZone, children }: ServerViewer & { children: ReactNode }) {
  useEffect(() => {
    const browser = browserTimeZone();
    if (browser && browser !== timeZone) {
      document.cookie = `${timeZoneCookie}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, [timeZone]);
  return <ServerViewerContext value={{ locale, timeZone }}>{children}</ServerViewerContext>;
}

/**
 * The locale and time zone to show dates in. The zone is undefined only while hydrating a first
 * visit (no cookie yet): the server cannot know it, so dates stay hidden for that moment rather
 * than render in UTC and jump.
 */
export function useViewerDates(): { locale: string; timeZone: string | undefined } {
  const server = use(ServerViewerContext);
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, () => server.timeZone);
  return { locale: server.locale, timeZone };
}

/**
 * The viewer's zone when `needed`, else "UTC": a component that needs the zone only now and then
 * (the list, for a date range) does not re-render on every first visit, when the browser's zone
 * replaces the server's unknown one after hydration. While hydrating, the server's zone, as
 * useViewerDates; "UTC" where the server did not know it.
 */
export function useTimeZoneWhen(needed: boolean): string {
  const server = use(ServerViewerContext);
  return useSyncExternalStore(
    subscribe,
    () => (needed ? browserTimeZone() : "UTC"),
    () => (needed ? (server.timeZone ?? "UTC") : "UTC"),
  );
}

/** A date in the viewer's zone and locale, with the exact instant in `dateTime`. */
export function LocalDateTime({ date }: { date: Date | undefined }) {
  return <DateTimeText date={date} {...useViewerDates()} />;
}

/** LocalDateTime for a list of many dates, which reads the viewer once (useViewerDates). */
export function DateTimeText({
  date,
  locale,
  timeZone,
}: {
  date: Date | undefined;
  locale: string;
  timeZone: string | undefined;
}) {
  if (!date) return <span>—</span>;
  return (
    <time dateTime={date.toISOString()} className={timeZone ? undefined : "invisible"}>
      {/* The UTC text only holds the width while the zone is unknown; it is never shown. */}
      {formatDateTime(date, locale, timeZone ?? "UTC")}
    </time>
  );
}
