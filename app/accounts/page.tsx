import type { Metadata } from "next";
import { AddAccountForm } from "@/components/auth/add-account-form";
import { MemberPasswordForm } from "@/components/auth/member-password-form";
import { RoleSelect } from "@/components/auth/role-select";
import { RowActionForm } from "@/components/ui/row-action-form";
import { LocalDateTime } from "@/components/viewer-dates";
import { requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import { changeRoleAction, removeAccountAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

const heading = (
  <h1 id="accounts-heading" className="text-2xl font-semibold tracking-tight">
    Accounts
  </h1>
);

/**
 * The owner's list of accounts: add one with a role, change a role, set a forgotten password,
 * remove one (with its sessions and tokens). Members are told whose page this is.
 */
export default async function AccountsPage() {
  const account = await requireAccount();
  if (account.role !== "owner") {
    const owner = await appStore().accounts.findOwner();
    return (
      <section aria-labelledby="accounts-heading" className="space-y-4">
        {heading}
        <p className="text-sm">
          Only the owner{owner ? <> ({owner.username})</> : null} adds and removes accounts and sets their roles and
          passwords. Your account is {account.role === "viewer" ? "a viewer" : "an editor"}. To change your own
          password, use <a href="/password">Password</a>.
        </p>
      </section>
    );
  }
  const accounts = await appStore().accounts.list();
  return (
    <section aria-labelledby="accounts-heading" className="space-y-6">
      {heading}
      <AddAccountForm />
      <ul aria-label="Accounts" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {accounts.map((member) => (
          <li key={member.id} className="grid gap-3 py-3 text-sm sm:grid-cols-[1fr_auto] sm:items-start">
            <span>
              <span className="font-medium">{member.username}</span>
              {member.role === "owner" && (
                <span className="text-zinc-600 dark:text-zinc-400">
                  {" "}
                  (owner) ·{" "}
                  <a href="/password" className="underline">
                    change your password
                  </a>
                </span>
              )}
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                since <LocalDateTime date={member.createTime} />
              </span>
            </span>
            {member.role !== "owner" && (
              <div className="flex flex-col gap-2 sm:items-end">
                <form action={changeRoleAction} className="flex items-center gap-2">
                  <input type="hidden" name="id" value={member.id} />
                  <label htmlFor={`role-${member.id}`} className="sr-only">
                    Role of {member.username}
                  </label>
                  <RoleSelect id={`role-${member.id}`} defaultValue={member.role} />
                  <button
                    type="submit"
                    aria-label={`Save role of ${member.username}`}
                    className="h-10 shrink-0 rounded-md border border-zinc-300 px-3 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    Save role
                  </button>
                </form>
                <MemberPasswordForm id={member.id} username={member.username} />
                <RowActionForm
                  action={removeAccountAction}
                  id={member.id}
                  label={`Remove ${member.username}`}
                  question={`Remove ${member.username}? Their sessions and tokens end.`}
                >
                  Remove
                </RowActionForm>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
