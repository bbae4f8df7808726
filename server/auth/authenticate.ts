import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Store } from "../db/store";
import { OrderStoreFault, OrderStoreUnavailable } from "../orders/order-errors";
import { classifyStoreFault } from "../orders/store-fault";
import { config } from "../config.js";
import { authSecret } from "./auth-secret";
import { createCredentialCache } from "./credential-cache";
import type { CredentialCache } from "./credential-cache";
import type { Grant } from "./grants";
import { asRole, asScope, refusalOf } from "./permissions";
import { fromOwnSite } from "./same-origin";
import { resumeSession, sessionCookieFrom } from "./sessions";
import { createStreamAccessGuard, untilAccessEnds } from "./stream-access";
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

/** A caller whose credential checked out, and what it rests on (until when, how to check again). */
type Verified = { caller: Caller; grant: Grant };

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
    caller: {
      via: "token",
      subject: claims.subject,
      tokenId: record.id,
      tokenName: record.name,
      scope: asScope(record.scope),
      accountId: record.accountId,
      // A person's token never does more than their role allows; a service token acts as an editor.
      role: record.account ? asRole(record.account.role) : "editor",
    },
    grant: { kind: "token", tokenId: record.id, subject: claims.subject, expiresAt: claims.expires.getTime() },
  };
}

async function callerOfSession(store: Store, secret: Uint8Array, session: string): Promise<Verified> {
  const { account, idHash, expireTime } = await resumeSession(store, secret, session);
  return {
    caller: {
      via: "session",
      subject: `account:${account.username}`,
      accountId: account.id,
      username: account.username,
      role: asRole(account.role),
    },
    grant: { kind: "session", idHash, expiresAt: expireTime.getTime() },
  };
}

/** Verifies a credential unless the cache holds a fresh verification of it. */
async function cachedCaller(
  cache: CredentialCache<Verified> | undefined,
  credential: string,
  verify: () => Promise<Verified>,
): Promise<Verified & { credential: string }> {
  const kept = cache?.get(credential);
  if (kept) return { ...kept, credential };
  const verified = await verify();
  cache?.set(credential, verified, verified.grant.expiresAt);
  return { ...verified, credential };
}

/** The request headers a credential can travel in (what a chain forwards to act for its caller). */
export const credentialHeaders = ["rpc-auth", "authorization", "cookie"] as const;

/**
 * The caller a request's credentials name: `rpc-auth: <token>` (the original service's
 * metadata), `Authorization: Bearer <token>`, or the session cookie from our own site; with
 * the credential and what it rests on. With a cache, a credential verified within its lifetime
 * is not verified again.
 * @throws {CredentialRefused} with the reason callers are told.
 */
export async function authenticate(
  store: Store,
  secret: Uint8Array,
  header: Headers,
  url: string,
  cache?: CredentialCache<Verified>,
): Promise<Verified & { credential: string }> {
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
 * How often open streams' credentials are checked against the database: twice per AUTH_CACHE_MS,
 * so a change no notification announced (another process on SQLite, plain SQL) ends them
 * within AUTH_CACHE_MS, as it reaches unary calls; every 250 ms when nothing is cached.
 */
export function streamRecheckMs(cacheTtlMs: number): number {
  return cacheTtlMs > 0 ? Math.max(cacheTtlMs / 2, 25) : 250;
}

/**
 * Requires a credential on every call to a service not in {@link openServices}, puts the
 * caller into the call's context values under {@link callerKey}, and refuses a write to a
 * viewer or a read-scoped token (PERMISSION_DENIED, see permissions.ts). A role changed by
 * this process applies at once; by another, within `cacheTtlMs`. Verified credentials are kept
 * for `cacheTtlMs` (AUTH_CACHE_MS): revocation and sign-out reach this process within that time.
 * A stream (any method that streams) lives on only while its credential does: once it ends,
 * the handler's signal aborts and the stream ends with UNAUTHENTICATED (see stream-access.ts).
 */
export function createAuthInterceptor(
  store: Store,
  secret: () => Uint8Array = authSecret,
  cacheTtlMs: number = config.authCacheMs,
): Interceptor {
  const cache = cacheTtlMs > 0 ? createCredentialCache<Verified>({ ttlMs: cacheTtlMs }) : undefined;
  const streams = createStreamAccessGuard({
    store,
    recheckEveryMs: streamRecheckMs(cacheTtlMs),
    onEnded: (credential) => cache?.forget(credential),
  });
  return (next) => async (request) => {
    if (openServices.has(request.service.typeName)) return next(request);
    let verified: Verified & { credential: string };
    try {
      verified = await authenticate(store, secret(), request.header, request.url, cache);
    } catch (error) {
      if (error instanceof CredentialRefused) throw new ConnectError(error.reason, Code.Unauthenticated);
      // The same store holds orders and credentials: its faults are answered as for orders
      // (an outage is UNAVAILABLE, anything else INTERNAL).
      throw classifyStoreFault(error) === "unavailable" ? new OrderStoreUnavailable(error) : new OrderStoreFault(error);
    }
    const { caller, credential, grant } = verified;
    request.contextValues.set(callerKey, caller);
    const refusal = refusalOf(caller, request.method);
    if (refusal) throw refusal;
    if (!request.stream) return next(request);
    const access = streams.hold(credential, grant, `${caller.subject} (${caller.via})`);
    // Also when the caller is gone: a response nobody reads any more may never be finished.
    request.signal.addEventListener("abort", () => access.release(), { once: true });
    try {
      const response = await next({ ...request, signal: AbortSignal.any([request.signal, access.signal]) });
      if (!response.stream) {
        access.release();
        return response;
      }
      return { ...response, message: untilAccessEnds(response.message, access) };
    } catch (error) {
      access.release();
      throw error;
    }
  };
}
