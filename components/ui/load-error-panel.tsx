"use client";

import { errorSentence, isOutage } from "@/lib/connect-error-text";

/** A failed load: what happened, in words, and one way to try again. */
export function LoadErrorPanel({ error, onRetry, what }: { error: unknown; onRetry: () => void; what: string }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <p className="text-base font-semibold">{isOutage(error) ? "Can't reach the server" : `Couldn't load ${what}`}</p>
      <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">{errorSentence(error)}</p>
      <button
        type="button"
        onClick={onRetry}
        className="h-10 rounded-md bg-zinc-900 px-4 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
      >
        Try again
      </button>
    </div>
  );
}
