"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { listViewSearch, parseListView } from "@/lib/list-view";
import type { ListView } from "@/lib/list-view";

/**
 * The list's view, read from and written to the URL. Writes go through the History API, which
 * Next keeps in sync with useSearchParams: the browser's cache answers, with no server render,
 * and Back/Forward walk through pages and filters.
 */
export function useListView(): [ListView, (next: ListView, options?: { replace?: boolean }) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  // Null only outside the App Router; treated as the plain URL.
  const view = useMemo(() => parseListView(searchParams ?? new URLSearchParams()), [searchParams]);
  const setView = useCallback(
    (next: ListView, options?: { replace?: boolean }) => {
      const url = `${pathname}${listViewSearch(next)}`;
      if (options?.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );
  return [view, setView];
}
