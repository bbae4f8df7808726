"use client";

import { useActionState } from "react";
import { setMemberPasswordAction } from "@/app/accounts/actions";
import type { MemberPasswordState } from "@/app/accounts/actions";
import { describedBy, inputClass } from "../ui/form-field";

/** The owner sets a new password for a member (who forgot theirs); the member's sessions end. */
export function MemberPasswordForm({ id, username }: { id: string; username: string }) {
  const [state, action, pending] = useActionState<MemberPasswordState, FormData>(setMemberPasswordAction, {});
  const inputId = `password-${id}`;
  return (
    <form action={action} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <label htmlFor={inputId} className="sr-only">
        New password for {username}
      </label>
      <div className="min-w-40 flex-1">
        <input
          {...describedBy(inputId, state.problem)}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
          placeholder="New password"
          className={`${inputClass} h-8 text-xs`}
        />
        {state.problem && (
          <p id={`${inputId}-error`} className="mt-1 text-xs text-red-700 dark:text-red-400">
            {state.problem}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-label={`Set password for ${username}`}
        className="h-8 rounded-md border border-zinc-300 px-2 text-xs font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Set password
      </button>
      <span role="status" className="w-full text-xs text-emerald-700 empty:hidden dark:text-emerald-400">
        {state.done ? `Password of ${state.done} set; their sessions ended.` : ""}
      </span>
    </form>
  );
}
