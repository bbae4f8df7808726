import { createHmac, randomBytes } from "node:crypto";
import type { Store } from "../db/store";
import type { Account } from "./account-repository";
import { CredentialRefused } from "./tokens";
import { sessionCookieName, sessionCookieOptions, sessionTtlMs } from "../../lib/session-cookie";

export { sessionCookieName, sessionCookieOptions, sessionTtlMs };

// Renewing on every request would make every read a write; an hour's granularity is plenty.
const renewAfterMs = 60 * 60 * 1000;

/** 32 random bytes, base64url: the only shape a session cookie can have. */
const cookieValueShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions are stored under HMAC-SHA256(AUTH_SECRET, cookie value): a copy of the table opens
 * no session, and a lookup by this hash leaks nothing through timing. Rotating the secret ends
 * every session.
 */
export function sessionIdHash(secret: Uint8Array, value: string): string {
  return createHmac("sha256", secret).update(value).digest("base64url");
}

/** The Set-Cookie header that stores (or, with an empty value, removes) the session cookie. */
export function sessionSetCookie(value: string, secure: boolean): string {
  const { maxAge } = sessionCookieOptions(secure);
  return [
    `${sessionCookieName}=${value}`,
    "Path=/",
    `Max-Age=${value === "" ? 0 : maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Starts a session for the account; resolves to the cookie value. */
export async function startSession(store: Store, secret: Uint8Array, accountId: string, now = new Date()) {
  const value = randomBytes(32).toString("base64url");
  await store.sessions.removeExpired(now);
  await store.sessions.create({
    idHash: sessionIdHash(secret, value),
    accountId,
    createTime: now,
    expireTime: new Date(now.getTime() + sessionTtlMs),
  });
  return value;
}

/** A live session: whose it is, the hash it is stored under, and when it ends unless used. */
export type ResumedSession = { account: Account; idHash: string; expireTime: Date };

/**
 * The session of this cookie value, renewed when it was last renewed over an hour ago.
 * @throws {CredentialRefused} "token invalid" (not a session cookie), "token revoked" (signed
 * out, removed, or the secret rotated), "token expired".
 */
export async function resumeSession(
  store: Store,
  secret: Uint8Array,
  value: string,
  now = new Date(),
): Promise<ResumedSession> {
  if (!cookieValueShape.test(value)) throw new CredentialRefused("token invalid");
  const idHash = sessionIdHash(secret, value);
  const session = await store.sessions.find(idHash);
  if (!session) throw new CredentialRefused("token revoked");
  if (session.expireTime <= now) {
    await store.sessions.remove(idHash);
    throw new CredentialRefused("token expired");
  }
  let { expireTime } = session;
  if (expireTime.getTime() - now.getTime() < sessionTtlMs - renewAfterMs) {
    expireTime = new Date(now.getTime() + sessionTtlMs);
    await store.sessions.extend(idHash, expireTime);
  }
  return { account: session.account, idHash, expireTime };
}

/**
 * Ends the session on the server, so the cookie is worthless even if a copy survives, and its
 * open streams end. Resolves to whose session it was, for the log; undefined when none was live.
 */
export async function endSession(store: Store, secret: Uint8Array, value: string): Promise<Account | undefined> {
  if (!cookieValueShape.test(value)) return undefined;
  const idHash = sessionIdHash(secret, value);
  const session = await store.sessions.find(idHash);
  await store.sessions.remove(idHash);
  return session?.account;
}

/** The session cookie's value from a Cookie header, if any. */
export function sessionCookieFrom(cookieHeader: string | null): string | undefined {
  for (const pair of cookieHeader?.split(";") ?? []) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === sessionCookieName) return pair.slice(at + 1).trim();
  }
  return undefined;
}
