"use server";

import { revalidatePath } from "next/cache";
import { formText } from "@/lib/form-text";
import { addAccount } from "@/server/auth/accounts";
import { requireOwner } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import type { AccountFormState } from "../sign-in/actions";

/** Adds an account; only the owner may. */
export async function addAccountAction(
  _: AccountFormState,
  form: FormData,
): Promise<AccountFormState & { added?: string }> {
  await requireOwner();
  const username = formText(form, "username");
  const result = await addAccount(appStore(), username, formText(form, "password"));
  if ("problems" in result) {
    return { problems: Object.fromEntries(result.problems.map((p) => [p.field, p.message])), username };
  }
  revalidatePath("/accounts");
  return { added: result.account.username };
}

/** Removes an account with its sessions and tokens; the owner's own cannot be removed. */
export async function removeAccountAction(form: FormData): Promise<void> {
  const owner = await requireOwner();
  const id = formText(form, "id");
  const removed = await appStore().accounts.remove(id);
  if (removed) {
    console.info(
      `auth: account ${JSON.stringify(removed.username)} removed, with its sessions and tokens, by ${JSON.stringify(owner.username)}`,
    );
  }
  revalidatePath("/accounts");
}
