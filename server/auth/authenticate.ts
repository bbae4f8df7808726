import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Store } from "../db/store";
import { OrderStoreFault, OrderStoreUnavailable } from "../orders/order-errors";
import { classifyStoreFault } from "../orders/store-fault";
import { config } from "../config.js";
import { authSecret } from "./auth-secret";
import { createCredentialCache } from "./credential-cache";
import type { CredentialCache } from "./credential-cache";
import { fromOwnSite } from "./same-origin";
import { resumeSession, sessionCookieFrom } from "./sessions";
import { CredentialRefused, verifyToken } from "./tokens";

import { callerKey } from "../observability/request-context";
import type { Caller } from "../observability/request-context";

export { callerKey };
export type { Caller };

/**
 * Services anyone may call: health checks and reflection, which load balancers and tools use
 * before they have credentials, and the original's Echo, which touches no data. Every other
 * service needs a credential: a new service is protected unless it is added here.
 */
export const openServices: ReadonlySet<string> = new Set([
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
  "echo.EchoService",
]);

// "Last used" is shown to the minute; writing it more often would make every read a write.
const lastUseResolutionMs = 60_000;

/** A caller whose credential checked out, and until when it would still check out unchanged. */
type Verified = { caller: Caller; expiresAt: number };

async function callerOfToken(store: Store, secret: Uint8Array, token: string): Promise<Verified> {
  const claims = await verifyToken(secret, token);
  const record = await store.apiTokens.find(claims.tokenId);
  // A missing record is an account removed with its tokens, or a database reset: also revoked.
  if (!record || record.revokeTime !== null || record.subject !== claims.subject) {
    throw new CredentialRefused("token revoked");
  }
  // Most calls find "last used" recent enough and write nothing: a write per call would take
  // SQLite's write lock on every read. The update's own condition settles races between instances.
  const now = new Date();
  if (record.lastUseTime === null || now.getTime() - record.lastUseTime.getTime() >= lastUseResolutionMs) {
    await store.apiTokens.touch(record.id, now, lastUseResolutionMs);
  }
  return {
    caller: { via: "token", subject: claims.subject, tokenId: record.id, accountId: record.accountId },
    expiresAt: claims.expires.getTime(),
  };
}

async function callerOfSession(store: Store, secret: Uint8Array, session: string): Promise<Verified> {
  const account = await resumeSession(store, secret, session);
  // A resumed session was just renewed or is less than an hour past renewal: days from expiry.
  return {
    caller: {
      via: "session",
      subject: `account:${account.username}`,
      accountId: account.id,
      username: account.username,
    },
    expiresAt: Infinity,
  };
}

/** Verifies a credential unless the cache holds a fresh verification of it. */
async function cachedCaller(
  cache: CredentialCache<Caller> | undefined,
  credential: string,
  verify: () => Promise<Verified>,
): Promise<Caller> {
  const kept = cache?.get(credential);
  if (kept) return kept;
  const { caller, expiresAt } = await verify();
  cache?.set(credential, caller, expiresAt);
  return caller;
}

/** The request headers a credential can travel in (what a chain forwards to act for its caller). */
export const credentialHeaders = ["rpc-auth", "authorization", "cookie"] as const;

/**
 * The caller a request's credentials name: `rpc-auth: <token>` (the original service's
 * metadata), `Authorization: Bearer <token>`, or the session cookie from our own site.
 * With a cache, a credential verified within its lifetime is not verified again.
 * @throws {CredentialRefused} with the reason callers are told.
 */
export async function authenticate(
  store: Store,
  secret: Uint8Array,
  header: Headers,
  url: string,
  cache?: CredentialCache<Caller>,
): Promise<Caller> {
  const bearer = /^Bearer +(\S+)\s*$/i.exec(header.get("authorization") ?? "")?.[1];
  const token = header.get("rpc-auth")?.trim() || bearer;
  if (token) return cachedCaller(cache, token, () => callerOfToken(store, secret, token));
  const session = sessionCookieFrom(header.get("cookie"));
  // SameSite=Lax keeps the cookie off most cross-site requests; this refuses the rest
  // (top-level GETs, sibling hosts of the same site).
  if (session === undefined || !fromOwnSite(header, url)) throw new CredentialRefused("token not found");
  return cachedCaller(cache, session, () => callerOfSession(store, secret, session));
}

/**
 * Requires a credential on every call to a service not in {@link openServices}, and puts the
 * caller into the call's context values under {@link callerKey}. Verified credentials are kept
 * for `cacheTtlMs` (AUTH_CACHE_MS): revocation and sign-out reach this process within that time.
 */
export function createAuthInterceptor(
  store: Store,
  secret: () => Uint8Array = authSecret,
  cacheTtlMs: number = config.authCacheMs,
): Interceptor {
  const cache = cacheTtlMs > 0 ? createCredentialCache<Caller>({ ttlMs: cacheTtlMs }) : undefined;
  return (next) => async (request) => {
    if (openServices.has(request.service.typeName)) return next(request);
    let caller: Caller;
    try {
      caller = await authenticate(store, secret(), request.header, request.url, cache);
    } catch (error) {
      if (error instanceof CredentialRefused) throw new ConnectError(error.reason, Code.Unauthenticated);
      // The same store holds orders and credentials: its faults are answered as for orders
      // (an outage is UNAVAILABLE, anything else INTERNAL).
      throw classifyStoreFault(error) === "unavailable" ? new OrderStoreUnavailable(error) : new OrderStoreFault(error);
    }
    request.contextValues.set(callerKey, caller);
    return next(request);
  };
}
