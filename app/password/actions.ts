"use server";

import { formText } from "@/lib/form-text";
import { changeOwnPassword } from "@/server/auth/accounts";
import { currentSession, requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import type { AccountFormState } from "../sign-in/actions";

/** Changes the signed-in person's password; their other sessions (and those sessions' streams) end. */
export async function changePasswordAction(
  _: AccountFormState & { changed?: boolean },
  form: FormData,
): Promise<AccountFormState & { changed?: boolean }> {
  const account = await requireAccount();
  const session = (await currentSession())!;
  const next = formText(form, "password");
  if (next !== formText(form, "repeat")) return { problems: { repeat: "The two passwords differ." } };
  const problems = await changeOwnPassword(
    appStore(),
    account,
    { current: formText(form, "current"), next },
    session.idHash,
  );
  if (problems.length > 0) return { problems: Object.fromEntries(problems.map((p) => [p.field, p.message])) };
  return { changed: true };
}
