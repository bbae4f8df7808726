"use client";

import { useActionState } from "react";
import { addAccountAction } from "@/app/accounts/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { Alert } from "../ui/alert";
import { NewAccountFields } from "./new-account-fields";
import { SubmitButton } from "./submit-button";

/** The owner's form for a new account: a username and a first password to hand over. */
export function AddAccountForm() {
  const [state, action] = useActionState<AccountFormState & { added?: string }, FormData>(addAccountAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <NewAccountFields idPrefix="account" state={state} own={false} />
      </div>
      <SubmitButton pendingLabel="Adding…">Add account</SubmitButton>
      {state.added && <Alert tone="success">Account “{state.added}” added.</Alert>}
    </form>
  );
}
