"use client";

import { signOutAction } from "@/app/sign-in/actions";
import { confirmLeavingUnsaved } from "../hooks/use-unsaved-changes-guard";
import { useLive } from "../live-orders";
import { SignedInAs } from "./signed-in-as";

/** The header's "Signed in as" and its sign-out button; "Signed out" once the server says so. */
export function AccountStatus({ username }: { username: string }) {
  const { signedOut } = useLive();
  if (signedOut) {
    return <p className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Signed out</p>;
  }
  return (
    <form
      action={signOutAction}
      // Signing out leaves the page as a link does: unsaved edits are asked about first.
      onSubmit={(event) => {
        if (!confirmLeavingUnsaved()) event.preventDefault();
      }}
      className="flex items-center gap-3 text-sm"
    >
      <SignedInAs username={username} className="hidden sm:inline" />
      <button
        type="submit"
        aria-label={`Sign out ${username}`}
        className="rounded-md border border-zinc-300 px-2.5 py-1 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Sign out
      </button>
    </form>
  );
}
