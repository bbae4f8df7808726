"use server";

import { revalidatePath } from "next/cache";
import { formText } from "@/lib/form-text";
import { issueApiToken, parseTtl, tokenNameProblem } from "@/server/auth/api-tokens";
import { authSecret } from "@/server/auth/auth-secret";
import { requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";

/** After a submit: the new token (shown once, never again), or why none was made. */
export type CreateTokenState = { token?: string; name?: string; problem?: string };

/** Issues a token for the signed-in person. */
export async function createTokenAction(_: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const account = await requireAccount();
  const name = formText(form, "name").trim();
  const problem = tokenNameProblem(name);
  if (problem) return { problem, name };
  const ttlMs = parseTtl(formText(form, "ttl"));
  if (ttlMs === undefined) return { problem: "Choose how long the token lasts.", name };
  const { token } = await issueApiToken(appStore(), authSecret(), {
    name,
    ttlMs,
    owner: { accountId: account.id, username: account.username },
  });
  console.info(`auth: token ${JSON.stringify(name)} created by ${JSON.stringify(account.username)}`);
  revalidatePath("/tokens");
  return { token, name };
}

/** Revokes one of the signed-in person's tokens: calls with it fail from now on. */
export async function revokeTokenAction(form: FormData): Promise<void> {
  const account = await requireAccount();
  const id = formText(form, "id");
  if (await appStore().apiTokens.revoke(id, account.id, new Date())) {
    console.info(`auth: token ${id} revoked by ${JSON.stringify(account.username)}`);
  }
  revalidatePath("/tokens");
}
