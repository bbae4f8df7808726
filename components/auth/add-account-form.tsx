"use client";

import { useActionState } from "react";
import { addAccountAction } from "@/app/accounts/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { Alert } from "../ui/alert";
import { InputField } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

/** The owner's form for a new account: a username and a first password to hand over. */
export function AddAccountForm() {
  const [state, action] = useActionState<AccountFormState & { added?: string }, FormData>(addAccountAction, {});
  const problems = state.problems ?? {};

  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          id="account-username"
          label="Username"
          error={problems.username}
          defaultValue={state.username}
          name="username"
          autoComplete="off"
          required
        />
        <InputField
          id="account-password"
          label="Password (at least 12 characters)"
          error={problems.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
        />
      </div>
      <SubmitButton pendingLabel="Adding…">Add account</SubmitButton>
      {state.added && <Alert tone="success">Account “{state.added}” added.</Alert>}
    </form>
  );
}
