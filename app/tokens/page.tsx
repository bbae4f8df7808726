import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/auth/create-token-form";
import { RowActionForm } from "@/components/ui/row-action-form";
import { actorName } from "@/lib/actor-name";
import { LocalDateTime } from "@/components/viewer-dates";
import { requireAccount } from "@/server/auth/current-account";
import { appStore } from "@/server/db/store";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

// In the viewer's zone and locale, as the orders are.
function Time({ date }: { date: Date | null }) {
  return date ? <LocalDateTime date={date} /> : <span>never</span>;
}

const scopeText = { read: "read", write: "read, write" } as Record<string, string>;

/**
 * API tokens: create one, see when each was used, revoke. People see their own; the owner sees
 * and revokes every token, people's and the services' from `npm run token`.
 */
export default async function TokensPage() {
  const account = await requireAccount();
  const everyone = account.role === "owner";
  const tokens = everyone
    ? await appStore().apiTokens.listAll()
    : await appStore().apiTokens.listForAccount(account.id);
  const now = new Date();
  const liveOwnIds = tokens
    .filter((token) => token.accountId === account.id && token.revokeTime === null && token.expireTime > now)
    .map((token) => token.id);
  return (
    <section aria-labelledby="tokens-heading" className="space-y-6">
      <div className="space-y-2">
        <h1 id="tokens-heading" className="text-2xl font-semibold tracking-tight">
          API tokens
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Programs call the API with a token in the <code>rpc-auth</code> header (or{" "}
          <code>Authorization: Bearer …</code>). A token acts as you until it expires or you revoke it, and never does
          more than your account may: a <em>read</em> token only reads, even if you are an editor.
          {everyone &&
            " As the owner you see, and can revoke, everyone's tokens and the services' (npm run token)."}{" "}
          Every method and route is described in the{" "}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- Swagger UI from an API route, not an app page: a full load */}
          <a href="/api/docs" className="font-medium underline underline-offset-2">
            API reference
          </a>
          .
        </p>
      </div>
      <CreateTokenForm liveTokenIds={liveOwnIds} readOnly={account.role === "viewer"} />
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {everyone ? "There are no tokens yet." : "You have no tokens yet."}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{everyone ? "Every API token" : "Your API tokens"}</caption>
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Name
                </th>
                {everyone && (
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Owner
                  </th>
                )}
                <th scope="col" className="py-2 pr-4 font-medium">
                  Scope
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
                  {everyone && <td className="py-2 pr-4 break-all">{actorName(token.subject)}</td>}
                  <td className="py-2 pr-4">{scopeText[token.scope] ?? token.scope}</td>
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
                      <RowActionForm
                        action={revokeTokenAction}
                        id={token.id}
                        label={`Revoke ${token.name}`}
                        question={`Revoke “${token.name}”? Programs using it stop working.`}
                      >
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
