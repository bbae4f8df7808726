"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/password/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { Alert } from "../ui/alert";
import { InputField } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

/** The current password, then the new one twice. */
export function ChangePasswordForm({ username }: { username: string }) {
  const [state, action] = useActionState<AccountFormState & { changed?: boolean }, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {/* For password managers: which account the new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={username} />
      <InputField
        id="current-password"
        label="Current password"
        error={state.problems?.current}
        name="current"
        type="password"
        autoComplete="current-password"
        required
      />
      <InputField
        id="new-password"
        label="New password (at least 12 characters)"
        error={state.problems?.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
      />
      <InputField
        id="repeat-password"
        label="Repeat the new password"
        error={state.problems?.repeat}
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      {state.changed && (
        <Alert tone="success">Password changed. You stay signed in here; every other sign-in of yours has ended.</Alert>
      )}
    </form>
  );
}
