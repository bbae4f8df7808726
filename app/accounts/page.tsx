import type { Metadata } from "next";
import { AddAccountForm } from "@/components/auth/add-account-form";
import { RowActionForm } from "@/components/ui/row-action-form";
import { utcMinute } from "@/lib/utc-time";
import { requireOwner } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import { removeAccountAction } from "./actions";

export const metadata: Metadata = { title: "Accounts" };

/** The owner's list of accounts: add one, remove one (with its sessions and tokens). */
export default async function AccountsPage() {
  await requireOwner();
  const accounts = await appStore().accounts.list();
  return (
    <section aria-labelledby="accounts-heading" className="space-y-6">
      <h1 id="accounts-heading" className="text-2xl font-semibold tracking-tight">
        Accounts
      </h1>
      <AddAccountForm />
      <ul aria-label="Accounts" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {accounts.map((account) => (
          <li key={account.id} className="flex items-center justify-between gap-4 py-3 text-sm">
            <span>
              <span className="font-medium">{account.username}</span>
              {account.owner && <span className="text-zinc-600 dark:text-zinc-400"> (owner)</span>}
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                since <time dateTime={account.createTime.toISOString()}>{utcMinute(account.createTime)}</time>
              </span>
            </span>
            {!account.owner && (
              <RowActionForm action={removeAccountAction} id={account.id} label={`Remove ${account.username}`}>
                Remove
              </RowActionForm>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
