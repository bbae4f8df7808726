"use server";

import { revalidatePath } from "next/cache";
import { formText } from "@/lib/form-text";
import { issueApiToken, parseTtl, tokenNameProblem } from "@/server/auth/api-tokens";
import { authSecret } from "@/server/auth/auth-secret";
import { requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";

/**
 * After a submit: the new token (shown once, never again) and its id, whether another live
 * token of the person has the same name, or why none was made.
 */
export type CreateTokenState = { token?: string; id?: string; name?: string; duplicate?: boolean; problem?: string };

/** Issues a token for the signed-in person; a viewer's is read-only whatever was asked. */
export async function createTokenAction(_: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const account = await requireAccount();
  const name = formText(form, "name").trim();
  const problem = tokenNameProblem(name);
  if (problem) return { problem, name };
  const ttlMs = parseTtl(formText(form, "ttl"));
  if (ttlMs === undefined) return { problem: "Choose how long the token lasts.", name };
  const scope = formText(form, "scope") === "read" || account.role === "viewer" ? "read" : "write";
  const store = appStore();
  const now = new Date();
  const duplicate = (await store.apiTokens.listForAccount(account.id)).some(
    (token) => token.name === name && token.revokeTime === null && token.expireTime > now,
  );
  const { token, record } = await issueApiToken(store, authSecret(), {
    name,
    ttlMs,
    scope,
    owner: { accountId: account.id, username: account.username },
  });
  console.info(`auth: token ${JSON.stringify(name)} (${scope}) created by ${JSON.stringify(account.username)}`);
  revalidatePath("/tokens");
  return { token, id: record.id, name, duplicate };
}

/** Revokes a token: one's own, or for the owner any (people's and services'); calls with it fail from now on. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  const account = await requireAccount();
  const id = formText(form, "id");
  const ownerOf = account.role === "owner" ? undefined : account.id;
  if (await appStore().apiTokens.revoke(id, ownerOf, new Date())) {
    console.info(`auth: token ${id} revoked by ${JSON.stringify(account.username)}`);
  }
  revalidatePath("/tokens");
}
