"use client";

import { useActionState } from "react";
import { outageMessage } from "@/lib/connect-error-text";
import { formText } from "@/lib/form-text";
import { InputField } from "../ui/form-field";
import { SubmitButton } from "./submit-button";

type SignInAgainState = { problem?: string; username?: string };

/** Signs in through the sign-in route without leaving the page; resolves to what went wrong, if anything. */
async function signInAgain(username: string, password: string): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in", {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({ username, password }),
    });
  } catch {
    return outageMessage;
  }
  if (response.ok) return undefined;
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  return typeof body.message === "string" ? body.message : "Something went wrong on the server. Try again.";
}

/** Signs in again in place; `onSignedIn` carries the page on (the live stream, the queries). */
export default function SignInAgainForm({ username, onSignedIn }: { username: string; onSignedIn: () => void }) {
  const [state, action] = useActionState<SignInAgainState, FormData>(async (_, form) => {
    const typed = formText(form, "username");
    const problem = await signInAgain(typed, formText(form, "password"));
    if (problem) return { problem, username: typed };
    onSignedIn();
    return {};
  }, {});
  return (
    <form action={action} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
      <InputField
        id="sign-in-again-username"
        label="Username"
        error={undefined}
        name="username"
        autoComplete="username"
        defaultValue={state.username ?? username}
        required
      />
      <InputField
        id="sign-in-again-password"
        label="Password"
        error={state.problem}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <div className="sm:pt-7">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
