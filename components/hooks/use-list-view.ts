import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { rememberListSearch } from "@/lib/list-return";
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
  const search = searchParams?.toString() ?? "";
  const fromUrl = useMemo(() => parseListView(new URLSearchParams(search)), [search]);
  // Next applies a pushed URL in a transition, a render or more later. Until it lands, the
  // view just chosen is shown, so a clicked radio or option does not snap back meanwhile;
  // any URL change (ours landing, or Back) makes the URL the truth again.
  const [pending, setPending] = useState<{ view: ListView; over: string }>();
  // Forget it once the URL has moved, so coming Back to that URL shows the URL's view.
  if (pending && pending.over !== search) setPending(undefined);
  const view = pending && pending.over === search ? pending.view : fromUrl;
  // Back/Forward make the URL the truth as well, even before the router has applied the URL we
  // pushed: Next applies it in a transition that can land hundreds of ms later, and a Back within
  // that window returns to `over` without `search` ever moving, which would keep the pushed view
  // on screen under the URL it left (Previous, then Back at once, stayed on the previous page).
  useEffect(() => {
    const dropPending = () => setPending(undefined);
    window.addEventListener("popstate", dropPending);
    return () => window.removeEventListener("popstate", dropPending);
  }, []);
  // So "← All orders" and the page after a delete come back to this view.
  useEffect(() => rememberListSearch(search ? `?${search}` : ""), [search]);
  const setView = useCallback(
    (next: ListView, options?: { replace?: boolean }) => {
      setPending({ view: next, over: search });
      const url = `${pathname}${listViewSearch(next)}`;
      if (options?.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname, search],
  );
  return [view, setView];
}
