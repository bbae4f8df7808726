"use client";

import { LiveIndicator, useLive } from "../live-orders";
import { SignedInAs } from "./signed-in-as";

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
      <SignedInAs username={username} className="min-w-0 truncate" />
    </div>
  );
}
