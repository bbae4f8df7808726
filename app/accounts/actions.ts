"use server";

import { revalidatePath } from "next/cache";
import { formText } from "@/lib/form-text";
import { addAccount, asMemberRole, setPassword } from "@/server/auth/accounts";
import { requireOwner } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import type { AccountFormState } from "../sign-in/actions";

/** Adds an account with the role chosen for it; only the owner may. */
export async function addAccountAction(
  _: AccountFormState,
  form: FormData,
): Promise<AccountFormState & { added?: string }> {
  await requireOwner();
  const username = formText(form, "username");
  const role = asMemberRole(formText(form, "role"));
  if (!role) return { problems: { role: "Choose editor or viewer." }, username };
  const result = await addAccount(appStore(), username, formText(form, "password"), role);
  if ("problems" in result) {
    return { problems: Object.fromEntries(result.problems.map((p) => [p.field, p.message])), username };
  }
  revalidatePath("/accounts");
  return { added: result.account.username };
}

/** Gives a member another role; their next call (within AUTH_CACHE_MS elsewhere) has it. */
export async function changeRoleAction(form: FormData): Promise<void> {
  const owner = await requireOwner();
  const role = asMemberRole(formText(form, "role"));
  const changed = role && (await appStore().accounts.setRole(formText(form, "id"), role));
  if (changed) {
    console.info(`auth: ${JSON.stringify(changed.username)} is now ${role}, by ${JSON.stringify(owner.username)}`);
  }
  revalidatePath("/accounts");
}

/** After the owner set a member's password: whose, or what was wrong with it. */
export type MemberPasswordState = { problem?: string; done?: string };

/** Sets a member's password; every session of theirs ends. */
export async function setMemberPasswordAction(_: MemberPasswordState, form: FormData): Promise<MemberPasswordState> {
  await requireOwner();
  const member = await appStore().accounts.findById(formText(form, "id"));
  if (!member || member.role === "owner") return { problem: "There is no such member." };
  const [problem] = await setPassword(appStore(), member, formText(form, "password"));
  return problem ? { problem: problem.message } : { done: member.username };
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
