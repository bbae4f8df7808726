"use client";

import { useActionState } from "react";
import { createOwnerAction } from "@/app/sign-in/actions";
import type { AccountFormState } from "@/app/sign-in/actions";
import { InputField } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

/** The first visit's form: whoever creates the owner account runs this installation. */
export function CreateOwnerForm({ next }: { next: string }) {
  const [state, action] = useActionState<AccountFormState, FormData>(createOwnerAction, {});
  const problems = state.problems ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <InputField
        id="owner-username"
        label="Username"
        error={problems.username}
        defaultValue={state.username}
        name="username"
        autoComplete="username"
        required
        autoFocus
      />
      <InputField
        id="owner-password"
        label="Password (at least 12 characters)"
        error={problems.password}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
      />
      <InputField
        id="owner-repeat"
        label="Repeat the password"
        error={problems.repeat}
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
      />
      <SubmitButton pendingLabel="Creating…">Create the owner account</SubmitButton>
    </form>
  );
}
