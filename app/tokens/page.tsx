import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/auth/create-token-form";
import { RowActionForm } from "@/components/ui/row-action-form";
import { utcMinute } from "@/lib/utc-time";
import { requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

function Time({ date }: { date: Date | null }) {
  return date ? <time dateTime={date.toISOString()}>{utcMinute(date)}</time> : <span>never</span>;
}

/** The signed-in person's API tokens: create one, see when each was used, revoke. */
export default async function TokensPage() {
  const account = await requireAccount();
  const tokens = await appStore().apiTokens.listForAccount(account.id);
  const now = new Date();
  return (
    <section aria-labelledby="tokens-heading" className="space-y-6">
      <div className="space-y-2">
        <h1 id="tokens-heading" className="text-2xl font-semibold tracking-tight">
          API tokens
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Programs call the API with a token in the <code>rpc-auth</code> header (or{" "}
          <code>Authorization: Bearer …</code>). A token acts as you until it expires or you revoke it.
        </p>
      </div>
      <CreateTokenForm />
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no tokens yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Created
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Expires
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Last used
                </th>
                <th scope="col" className="py-2 font-medium">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <th scope="row" dir="auto" className="py-2 pr-4 font-medium break-all">
                    {token.name}
                  </th>
                  <td className="py-2 pr-4">
                    <Time date={token.createTime} />
                  </td>
                  <td className="py-2 pr-4">
                    <Time date={token.expireTime} />
                  </td>
                  <td className="py-2 pr-4">
                    <Time date={token.lastUseTime} />
                  </td>
                  <td className="py-2">
                    {token.revokeTime ? (
                      "Revoked"
                    ) : token.expireTime <= now ? (
                      "Expired"
                    ) : (
                      <RowActionForm action={revokeTokenAction} id={token.id} label={`Revoke ${token.name}`}>
                        Revoke
                      </RowActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
