import { randomUUID } from "node:crypto";
import type { Store } from "../db/store";
import type { ApiToken } from "./api-token-repository";
import type { TokenScope } from "./permissions";
import { signToken } from "./tokens";

const day = 24 * 60 * 60 * 1000;
/** Lifetime of a token when none is asked for. */
export const defaultTokenTtlMs = 30 * day;
/** Longest lifetime accepted: a forgotten token should not outlive a year. */
export const maxTokenTtlMs = 366 * day;

const units = { m: 60_000, h: 60 * 60_000, d: day } as const;

/** `30d`, `12h`, `90m` as milliseconds; undefined when malformed, zero or above a year. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * units[match[2] as keyof typeof units];
  return ms > 0 && ms <= maxTokenTtlMs ? ms : undefined;
}

/** Who a token speaks for: a person's account, or a named service (from `npm run token`). */
export type TokenOwner = { accountId: string; username: string } | { service: string };

/**
 * Records a token and signs it. The JWT is returned once and never stored: listing and
 * revocation use its id (`jti`).
 */
export async function issueApiToken(
  store: Store,
  secret: Uint8Array,
  {
    name,
    ttlMs = defaultTokenTtlMs,
    owner,
    scope = "write",
    now = new Date(),
  }: { name: string; ttlMs?: number; owner: TokenOwner; scope?: TokenScope; now?: Date },
): Promise<{ token: string; record: Omit<ApiToken, "lastUseTime" | "revokeTime"> }> {
  const record = {
    id: randomUUID(),
    name,
    subject: "accountId" in owner ? `account:${owner.username}` : `service:${owner.service}`,
    accountId: "accountId" in owner ? owner.accountId : null,
    scope,
    createTime: now,
    // Whole seconds, as the JWT's exp has them, so the list shows what the token says.
    expireTime: new Date(Math.floor((now.getTime() + ttlMs) / 1000) * 1000),
  };
  await store.apiTokens.create(record);
  const token = await signToken(secret, { subject: record.subject, tokenId: record.id, expires: record.expireTime });
  return { token, record };
}

/** What is wrong with a token name, or undefined. */
export function tokenNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "Give the token a name.";
  if (name.length > 100) return "Use at most 100 characters.";
  if (/[\u0000-\u001f\u007f]/.test(name)) return "Use no control characters.";
  return undefined;
}
