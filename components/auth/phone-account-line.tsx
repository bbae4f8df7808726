"use client";

import { LiveIndicator, useLive } from "../live-orders";

/**
 * Phones only: "● Live" and "Signed in as NAME" on a line of their own under the header, whose
 * one line at 390 px has room for the links and Sign out but not for these (they used to shrink
 * to a coloured dot and vanish). Wider screens show both in the header itself.
 */
export function PhoneAccountLine({ username }: { username: string }) {
  const { signedOut } = useLive();
  if (signedOut) return null;
  return (
    <div className="mx-auto flex min-h-8 max-w-5xl items-center justify-between gap-3 px-4 pb-1.5 text-xs sm:hidden">
      <LiveIndicator />
      <span className="min-w-0 truncate text-zinc-600 dark:text-zinc-400">
        Signed in as <strong className="font-medium text-zinc-900 dark:text-zinc-100">{username}</strong>
      </span>
    </div>
  );
}
