import type { ApiToken } from "../db/generated/sqlite/client";
import type { Db } from "../orders/order-repository";
import { credentialsChanged } from "./credential-cache";

export type { ApiToken };

/** Issued API tokens by JWT id: what listing, "last used" and revocation need, never the token. */
export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;

export function createApiTokenRepository(connect: () => Promise<Db>) {
  return {
    async create(token: Omit<ApiToken, "lastUseTime" | "revokeTime">): Promise<void> {
      await (await connect()).apiToken.create({ data: token });
    },
    /** The token with its account's role (none for a service token). */
    async find(id: string): Promise<(ApiToken & { account: { role: string } | null }) | null> {
      return (await connect()).apiToken.findUnique({ where: { id }, include: { account: { select: { role: true } } } });
    },
    /** Those of these tokens still recorded. */
    async findMany(ids: readonly string[]): Promise<Map<string, ApiToken>> {
      const rows = await (await connect()).apiToken.findMany({ where: { id: { in: [...ids] } } });
      return new Map(rows.map((row) => [row.id, row]));
    },
    /** The account's tokens, newest first, revoked ones included (they show as revoked). */
    async listForAccount(accountId: string): Promise<ApiToken[]> {
      return (await connect()).apiToken.findMany({ where: { accountId }, orderBy: { createTime: "desc" } });
    },
    /** Every token, people's and services', newest first: the owner's view. */
    async listAll(): Promise<ApiToken[]> {
      return (await connect()).apiToken.findMany({ orderBy: { createTime: "desc" } });
    },
    /** Sets the last use, at most once per `resolutionMs`, so reads do not turn into writes. */
    async touch(id: string, now: Date, resolutionMs: number): Promise<void> {
      await (
        await connect()
      ).apiToken.updateMany({
        where: { id, OR: [{ lastUseTime: null }, { lastUseTime: { lt: new Date(now.getTime() - resolutionMs) } }] },
        data: { lastUseTime: now },
      });
    },
    /**
     * Revokes a live token: with `accountId`, only one of that account's (the owner passes
     * undefined and may revoke any). False when there is no such live token.
     */
    async revoke(id: string, accountId: string | undefined, now: Date): Promise<boolean> {
      const { count } = await (
        await connect()
      ).apiToken.updateMany({
        where: { id, ...(accountId !== undefined && { accountId }), revokeTime: null },
        data: { revokeTime: now },
      });
      credentialsChanged();
      return count > 0;
    },
  };
}
