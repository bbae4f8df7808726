import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { requestedPathHeader } from "@/lib/session-cookie";
import { appStore } from "../db/store";
import type { Account } from "./account-repository";
import { authSecret } from "./auth-secret";
import { returnPath } from "./return-path";
import { resumeSession, sessionCookieName } from "./sessions";
import type { ResumedSession } from "./sessions";
import { CredentialRefused } from "./tokens";

/** The session of the request being rendered, checked once per request. */
export const currentSession = cache(async (): Promise<ResumedSession | undefined> => {
  const value = (await cookies()).get(sessionCookieName)?.value;
  if (value === undefined) return undefined;
  try {
    return await resumeSession(appStore(), authSecret(), value);
  } catch (error) {
    if (error instanceof CredentialRefused) return undefined;
    throw error;
  }
});

/** The signed-in account of the request being rendered. */
export async function currentAccount(): Promise<Account | undefined> {
  return (await currentSession())?.account;
}

/** The sign-in page, with the way back to `path`. */
export function signInPath(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?${new URLSearchParams({ next: path }).toString()}`;
}

/** The signed-in account; otherwise a redirect to sign-in that comes back to this page. */
export async function requireAccount(): Promise<Account> {
  const account = await currentAccount();
  if (account) return account;
  redirect(signInPath(returnPath((await headers()).get(requestedPathHeader))));
}

/** The signed-in owner, for the owner's actions; to other accounts they do not exist (404). */
export async function requireOwner(): Promise<Account> {
  const account = await requireAccount();
  if (account.role !== "owner") notFound();
  return account;
}

/** Whether cookies set now should be `Secure`: the page was requested over HTTPS. */
export async function requestIsHttps(): Promise<boolean> {
  return (await headers()).get("x-forwarded-proto") === "https";
}
