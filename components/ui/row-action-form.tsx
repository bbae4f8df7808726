"use client";

import { useState } from "react";

const dangerClass =
  "rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950";

/**
 * A destructive action on one row of a server-rendered list, asked twice: the first press asks
 * `question` in place, with the action's own button (focused) and Cancel beside it. The confirmed
 * press posts the row's id to a server action. `label` names the row for screen readers.
 */
export function RowActionForm({
  action,
  id,
  label,
  question,
  children,
}: {
  action: (form: FormData) => Promise<void>;
  id: string;
  label: string;
  question: string;
  children: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" aria-label={label} onClick={() => setAsking(true)} className={dangerClass}>
        {children}
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="id" value={id} />
      <span className="text-xs text-zinc-700 dark:text-zinc-300">{question}</span>
      <button type="submit" autoFocus aria-label={`Confirm: ${label}`} className={dangerClass}>
        {children}
      </button>
      <button
        type="button"
        onClick={() => setAsking(false)}
        className="rounded-md px-2 py-1 text-xs font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        Cancel
      </button>
    </form>
  );
}
