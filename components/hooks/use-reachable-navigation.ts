import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { MouseEvent } from "react";

// Long enough for a slow network to answer headers, short enough that a dead server is
// reported while the person still waits for the click to do something.
const reachabilityTimeoutMs = 5_000;

/** True for a plain left click: other clicks open tabs or windows and stay the browser's. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * In-app links that stay on the page when the server does not answer. When Next cannot fetch the
 * next page's payload it falls back to a full page load, and with the server down that replaces
 * the app (and whatever was typed) with the browser's error page. So the target is asked first,
 * and only a server that answers at all (any status: errors are then the page's to show) is
 * navigated to.
 */
export function useReachableNavigation() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [openingHref, setOpeningHref] = useState<string | undefined>(undefined);
  const [unreachableHref, setUnreachableHref] = useState<string | undefined>(undefined);

  function open(href: string) {
    setOpeningHref(href);
    setUnreachableHref(undefined);
    // One transition from the click to the new page: "Opening…" shows throughout.
    startTransition(async () => {
      try {
        await fetch(href, { method: "HEAD", cache: "no-store", signal: AbortSignal.timeout(reachabilityTimeoutMs) });
      } catch {
        setUnreachableHref(href);
        return;
      }
      router.push(href);
    });
  }

  function onLinkClick(event: MouseEvent<HTMLAnchorElement>) {
    const href = event.currentTarget.getAttribute("href");
    // A click already refused (the unsaved-changes guard) or meant for a new tab is left alone.
    if (!href || event.defaultPrevented || !isPlainClick(event)) return;
    event.preventDefault();
    open(href);
  }

  return {
    onLinkClick,
    /** The link whose page is on the way, for its "Opening…" hint. */
    openingHref: pending ? openingHref : undefined,
    /** Set when the last link clicked found no server; shown as the outage message. */
    unreachableHref,
    retry: () => {
      if (unreachableHref) open(unreachableHref);
    },
    /** Forgets the unreachable link: the server is back. */
    clearUnreachable: () => setUnreachableHref(undefined),
  };
}
