"use client";

import { useActionState } from "react";
import { addAccountAction } from "@/app/accounts/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { Alert } from "../ui/alert";
import { FormField } from "../ui/form-field";
import { NewAccountFields } from "./new-account-fields";
import { RoleSelect } from "./role-select";
import { SubmitButton } from "./submit-button";

/** The owner's form for a new account: a username, a first password to hand over, and a role. */
export function AddAccountForm() {
  const [state, action] = useActionState<AccountFormState & { added?: string }, FormData>(addAccountAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <NewAccountFields idPrefix="account" state={state} own={false} />
        <FormField id="account-role" label="Role" error={state.problems?.role}>
          <RoleSelect id="account-role" />
        </FormField>
      </div>
      <SubmitButton pendingLabel="Adding…">Add account</SubmitButton>
      {state.added && <Alert tone="success">Account “{state.added}” added.</Alert>}
    </form>
  );
}
