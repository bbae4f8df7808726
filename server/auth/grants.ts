import type { Store } from "../db/store";
import type { CredentialFailure } from "./tokens";

/**
 * What a verified credential rests on, kept so that a call that lives on (a stream) can check
 * again whether it still holds: the token's record and `exp`, or the stored session.
 */
export type Grant =
  | { kind: "token"; tokenId: string; subject: string; expiresAt: number }
  | { kind: "session"; idHash: string; expiresAt: number };

/** A grant's state when checked again: its expiry (epoch ms), or why it ended. */
export type GrantState = { expiresAt: number } | { ended: CredentialFailure };

// Bound parameters per query, far below SQLite's and PostgreSQL's limits.
const chunkSize = 1_000;

/** Reads `keys` a thousand at a time and merges what each read found. */
async function readInChunks<Value>(
  keys: Iterable<string>,
  read: (chunk: readonly string[]) => Promise<Map<string, Value>>,
): Promise<Map<string, Value>> {
  const all = [...new Set(keys)];
  const found = new Map<string, Value>();
  for (let start = 0; start < all.length; start += chunkSize) {
    for (const [key, value] of await read(all.slice(start, start + chunkSize))) found.set(key, value);
  }
  return found;
}

/**
 * Checks many grants against the database at once, one query per kind (per thousand): what
 * keeps every open stream's credential checked cheap however many streams are open. A token is
 * over at its `exp` and once its record is revoked or gone (its account removed); a session once
 * it is gone (signed out, account removed) or past its expiry. Store faults are thrown: whether
 * a grant still holds is then unknown.
 */
export async function recheckGrants(
  store: Store,
  grants: readonly Grant[],
  now = Date.now(),
): Promise<Map<Grant, GrantState>> {
  const tokens = grants.filter((grant) => grant.kind === "token");
  const sessions = grants.filter((grant) => grant.kind === "session");
  const [records, expiries] = await Promise.all([
    readInChunks(
      tokens.map((grant) => grant.tokenId),
      (ids) => store.apiTokens.findMany(ids),
    ),
    readInChunks(
      sessions.map((grant) => grant.idHash),
      (idHashes) => store.sessions.expiries(idHashes),
    ),
  ]);
  const states = new Map<Grant, GrantState>();
  for (const grant of tokens) {
    const record = records.get(grant.tokenId);
    if (now >= grant.expiresAt) states.set(grant, { ended: "token expired" });
    else if (!record || record.revokeTime !== null || record.subject !== grant.subject) {
      states.set(grant, { ended: "token revoked" });
    } else states.set(grant, { expiresAt: grant.expiresAt });
  }
  for (const grant of sessions) {
    const expireTime = expiries.get(grant.idHash);
    if (expireTime === undefined) states.set(grant, { ended: "token revoked" });
    else if (expireTime.getTime() <= now) states.set(grant, { ended: "token expired" });
    else states.set(grant, { expiresAt: expireTime.getTime() });
  }
  return states;
}
