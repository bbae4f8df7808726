"use client";

import { useActionState } from "react";
import { createOwnerAction } from "@/app/sign-in/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { InputField } from "../ui/form-field";
import { NewAccountFields } from "./new-account-fields";
import { SubmitButton } from "./submit-button";

/** The first visit's form: whoever creates the owner account runs this installation. */
export function CreateOwnerForm({ next }: { next: string }) {
  const [state, action] = useActionState<AccountFormState, FormData>(createOwnerAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <NewAccountFields idPrefix="owner" state={state} own />
      <InputField
        id="owner-repeat"
        label="Repeat the password"
        error={state.problems?.repeat}
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton pendingLabel="Creating…">Create the owner account</SubmitButton>
    </form>
  );
}
