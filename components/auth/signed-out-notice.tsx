"use client";

import { lazy, Suspense } from "react";
import { useLive } from "../live-orders";

// The form arrives when a sign-in ends, not with every page.
const SignInAgainForm = lazy(() => import("./sign-in-again-form"));

/**
 * Shown once the server says this tab's sign-in ended (signed out in another tab, the account
 * removed, the sign-in expired): says so plainly and signs in again in place, so whatever was
 * typed on the page stays where it is.
 */
export function SignedOutNotice({ username }: { username: string }) {
  const { signedOut, signedIn } = useLive();
  if (!signedOut) return null;
  return (
    <section
      aria-labelledby="signed-out-heading"
      className="sticky top-2 z-30 mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 shadow-md dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <div role="alert">
        <h2 id="signed-out-heading" className="text-base font-semibold">
          You were signed out
        </h2>
        <p className="mt-1 text-sm">Sign in again to carry on. What you typed on this page stays here.</p>
      </div>
      <Suspense fallback={null}>
        <SignInAgainForm username={username} onSignedIn={signedIn} />
      </Suspense>
    </section>
  );
}
