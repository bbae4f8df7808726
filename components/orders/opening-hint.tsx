"use client";

import { useLinkStatus } from "next/link";

/**
 * "Opening…" beside a link while its page is on the way: on a slow network an order takes
 * seconds to arrive, and the click must show it was heard. (A route-level loading.tsx would do
 * it too, but it starts the response before the page can answer 404 for an unknown order.)
 */
export function OpeningHint() {
  const { pending } = useLinkStatus();
  return pending ? <span className="ms-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">Opening…</span> : null;
}
