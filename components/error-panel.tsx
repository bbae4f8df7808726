"use client";

import { describeError } from "@/lib/connect-error-text";

/** A failed load: what happened, the Connect code, and a way to try again. */
export function ErrorPanel({ error, onRetry, what }: { error: unknown; onRetry: () => void; what: string }) {
  const { code, message, unreachable } = describeError(error);
  return (
    <div role="alert" className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <p className="text-base font-semibold">{unreachable ? "Can't reach the server" : `Couldn't load ${what}`}</p>
      <p className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        {message}{" "}
        <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
          {code}
        </code>
      </p>
      <button
        type="button"
        onClick={onRetry}
        className="rounded-md bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
      >
        Try again
      </button>
    </div>
  );
}
