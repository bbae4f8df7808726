"use client";

import { useActionState } from "react";
import { addAccountAction } from "@/app/accounts/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { Alert } from "../ui/alert";
import { FormField, describedBy, inputClass } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

/** The owner's form for a new account: a username and a first password to hand over. */
export function AddAccountForm() {
  const [state, action] = useActionState<AccountFormState & { added?: string }, FormData>(addAccountAction, {});
  const problems = state.problems ?? {};

  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="account-username" label="Username" error={problems.username}>
          <input
            {...describedBy("account-username", problems.username)}
            defaultValue={state.username}
            name="username"
            autoComplete="off"
            required
            className={inputClass}
          />
        </FormField>
        <FormField id="account-password" label="Password (at least 12 characters)" error={problems.password}>
          <input
            {...describedBy("account-password", problems.password)}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            className={inputClass}
          />
        </FormField>
      </div>
      <SubmitButton pendingLabel="Adding…">Add account</SubmitButton>
      {state.added && <Alert tone="success">Account “{state.added}” added.</Alert>}
    </form>
  );
}
