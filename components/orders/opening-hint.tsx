import { useLinkStatus } from "next/link";

/**
 * "Opening…" beside a link while its page is on the way: on a slow network an order takes
 * seconds to arrive, and the click must show it was heard. (A route-level loading.tsx would do
 * it too, but it starts the response before the page can answer 404 for an unknown order.)
 * `opening` covers navigations the link hands to the router itself, which useLinkStatus misses.
 */
export function OpeningHint({ opening = false }: { opening?: boolean }) {
  const { pending } = useLinkStatus();
  return pending || opening ? (
    <span className="ms-2 text-xs font-normal text-zinc-600 dark:text-zinc-400">Opening…</span>
  ) : null;
}
