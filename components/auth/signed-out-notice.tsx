"use client";

import { useActionState } from "react";
import { outageMessage } from "@/lib/connect-error-text";
import { formText } from "@/lib/form-text";
import { InputField } from "../ui/form-field";
import { useLive } from "../live-orders";
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

/**
 * Shown once the server says this tab's sign-in ended (signed out in another tab, the account
 * removed, the sign-in expired): says so plainly and signs in again in place, so whatever was
 * typed on the page stays where it is.
 */
export function SignedOutNotice({ username }: { username: string }) {
  const { signedOut, signedIn } = useLive();
  const [state, action] = useActionState<SignInAgainState, FormData>(async (_, form) => {
    const typed = formText(form, "username");
    const problem = await signInAgain(typed, formText(form, "password"));
    if (problem) return { problem, username: typed };
    signedIn();
    return {};
  }, {});
  if (!signedOut) return null;
  return (
    <section
      aria-labelledby="signed-out-heading"
      className="sticky top-2 z-30 mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 shadow-md dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
    >
      <div role="alert">
        <h2 id="signed-out-heading" className="text-base font-semibold">
          You were signed out
        </h2>
        <p className="mt-1 text-sm">Sign in again to carry on. What you typed on this page stays here.</p>
      </div>
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
    </section>
  );
}
