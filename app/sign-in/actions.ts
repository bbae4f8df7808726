"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { formText } from "@/lib/form-text";
import { createOwner } from "@/server/auth/accounts";
import type { AccountProblem } from "@/server/auth/accounts";
import { authSecret } from "@/server/auth/auth-secret";
import { requestIsHttps } from "@/server/auth/current-account";
import { returnPath } from "@/server/auth/return-path";
import { endSession, sessionCookieName, sessionCookieOptions, startSession } from "@/server/auth/sessions";
import { appStore } from "@/server/db/store";

/**
 * What an account form shows after a refused submit: one message per field, and the username
 * typed (React resets a form after its action; passwords are not sent back).
 */
export type AccountFormState = {
  problems?: Partial<Record<AccountProblem["field"] | "repeat" | "role", string>>;
  username?: string;
};

/** Creates the owner on a fresh database and signs them in. */
export async function createOwnerAction(_: AccountFormState, form: FormData): Promise<AccountFormState> {
  const username = formText(form, "username");
  if (formText(form, "password") !== formText(form, "repeat")) {
    return { problems: { repeat: "The two passwords differ." }, username };
  }
  const store = appStore();
  const result = await createOwner(store, username, formText(form, "password"));
  if ("problems" in result) {
    return { problems: Object.fromEntries(result.problems.map((p) => [p.field, p.message])), username };
  }
  const session = await startSession(store, authSecret(), result.account.id);
  (await cookies()).set(sessionCookieName, session, sessionCookieOptions(await requestIsHttps()));
  redirect(returnPath(form.get("next")));
}

/** Ends the session on the server (and with it its open streams), then forgets the cookie. */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const value = jar.get(sessionCookieName)?.value;
  const account = value === undefined ? undefined : await endSession(appStore(), authSecret(), value);
  if (account) console.info(`auth: ${JSON.stringify(account.username)} signed out`);
  jar.delete(sessionCookieName);
  redirect("/sign-in?signed-out=1");
}
