"use client";

import { use, useEffect, useSyncExternalStore } from "react";
import { timeZoneCookie } from "@/lib/time-zone-cookie";
import { TimeZoneContext } from "./time-zone-context";

const subscribe = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The time zone to show dates in. Hydration renders in the server's zone so the HTML matches,
 * then React switches to the browser's; the cookie makes later server renders use it directly.
 */
export function useTimeZone(): string {
  const serverTimeZone = use(TimeZoneContext);
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, () => serverTimeZone);
  useEffect(() => {
    if (serverTimeZone !== timeZone) {
      document.cookie = `${timeZoneCookie}=${encodeURIComponent(timeZone)}; path=/; max-age=31536000; samesite=lax`;
    }
  }, [serverTimeZone, timeZone]);
  return timeZone;
}
