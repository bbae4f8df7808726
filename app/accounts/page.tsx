import type { Metadata } from "next";
import { AddAccountForm } from "@/components/auth/add-account-form";
import { utcMinute } from "@/lib/utc-time";
import { requireOwner } from "@/server/auth/current-account";
import { appStore } from "@/server/db/app-store";
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
              <form action={removeAccountAction}>
                <input type="hidden" name="id" value={account.id} />
                <button
                  type="submit"
                  aria-label={`Remove ${account.username}`}
                  className="rounded-md border border-red-300 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
                >
                  Remove
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
