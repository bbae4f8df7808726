// The ways access ends, each as a fresh account's credential and the act that ends it, and the
// measurement of how long an open WatchOrders stream with that credential lives on afterwards.
// Shared by the tests (which hold the time to AUTH_CACHE_MS) and bench/access-end.ts (which
// prints it).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { OrderService } from "../../gen/order/order_pb";
import type { WatchOrdersResponse } from "../../gen/order/order_pb";
import { addAccount, changeOwnPassword, setPassword } from "../../server/auth/accounts";
import { issueApiToken } from "../../server/auth/api-tokens";
import { endSession, sessionCookieName, sessionIdHash, startSession } from "../../server/auth/sessions";
import { createAuthInterceptor } from "../../server/auth/authenticate";
import type { CredentialFailure } from "../../server/auth/tokens";
import { createCheckClient } from "../../server/check/check-client";
import type { Store } from "../../server/db/store";
import { createOrderService } from "../../server/orders/order-service";

/** Where the credentials live: the store, the secret the server signs with, and plain SQL on the same database. */
export type AccessFixture = {
  store: Store;
  secret: Uint8Array;
  /** A statement run on the database by something other than the app (`?` placeholders), for plainSqlEndings. */
  plainSql?: (sql: string, args: string[]) => Promise<void>;
};

/** The credential a stream opens with, and what ends it: resolves to the moment access ended (epoch ms). */
type Arranged = { headers: Record<string, string>; end: () => Promise<number> };

export type AccessEnding = {
  /** The way access ends, as the issues name them: sign-out, revocation, removal, expiry, a new password. */
  way: "sign-out" | "revocation" | "removal" | "expiry" | "password";
  name: string;
  /** The UNAUTHENTICATED message the stream ends with. */
  reason: CredentialFailure;
  arrange(fixture: AccessFixture): Promise<Arranged>;
};

const password = "a long enough password";

async function newAccount(store: Store) {
  const added = await addAccount(store, `user-${randomUUID().slice(0, 8)}`, password);
  assert.ok("account" in added);
  return added.account;
}

async function withSession({ store, secret }: AccessFixture) {
  const account = await newAccount(store);
  const value = await startSession(store, secret, account.id);
  return { account, value, headers: { cookie: `${sessionCookieName}=${value}` } };
}

async function withToken({ store, secret }: AccessFixture, ttlMs?: number) {
  const account = await newAccount(store);
  const { token, record } = await issueApiToken(store, secret, {
    name: "watch",
    ttlMs,
    owner: { accountId: account.id, username: account.username },
  });
  return { account, record, headers: { "rpc-auth": token } };
}

const now = async (work: Promise<unknown>) => {
  await work;
  return Date.now();
};

async function until(moment: number): Promise<number> {
  await sleep(Math.max(moment - Date.now(), 0));
  return moment;
}

/** Every way, through the app's own code (what a server does when a person signs out, revokes, removes). */
export const accessEndings: AccessEnding[] = [
  {
    way: "sign-out",
    name: "sign-out (session ended)",
    reason: "token revoked",
    async arrange(fixture) {
      const { value, headers } = await withSession(fixture);
      return { headers, end: () => now(endSession(fixture.store, fixture.secret, value)) };
    },
  },
  {
    way: "revocation",
    name: "token revoked",
    reason: "token revoked",
    async arrange(fixture) {
      const { account, record, headers } = await withToken(fixture);
      return { headers, end: () => now(fixture.store.apiTokens.revoke(record.id, account.id, new Date())) };
    },
  },
  {
    way: "removal",
    name: "account removed (token stream)",
    reason: "token revoked",
    async arrange(fixture) {
      const { account, headers } = await withToken(fixture);
      return { headers, end: () => now(fixture.store.accounts.remove(account.id)) };
    },
  },
  {
    way: "removal",
    name: "account removed (session stream)",
    reason: "token revoked",
    async arrange(fixture) {
      const { account, headers } = await withSession(fixture);
      return { headers, end: () => now(fixture.store.accounts.remove(account.id)) };
    },
  },
  {
    way: "password",
    name: "own password changed in another session",
    reason: "token revoked",
    async arrange(fixture) {
      const { account, headers } = await withSession(fixture);
      const here = await startSession(fixture.store, fixture.secret, account.id);
      const change = { current: password, next: "another long enough password" };
      const kept = sessionIdHash(fixture.secret, here);
      return { headers, end: () => now(changeOwnPassword(fixture.store, account, change, kept)) };
    },
  },
  {
    way: "password",
    name: "password set by the owner",
    reason: "token revoked",
    async arrange(fixture) {
      const { account, headers } = await withSession(fixture);
      return { headers, end: () => now(setPassword(fixture.store, account, "a password from the owner")) };
    },
  },
  {
    way: "expiry",
    name: "token exp reached",
    reason: "token expired",
    async arrange(fixture) {
      // exp is in whole seconds: this one comes 1 to 2 s after the token is issued.
      const { record, headers } = await withToken(fixture, 2_000);
      return { headers, end: () => until(record.expireTime.getTime()) };
    },
  },
  {
    way: "expiry",
    name: "session expiry reached",
    reason: "token expired",
    async arrange(fixture) {
      const { value, headers } = await withSession(fixture);
      return {
        headers,
        // Shortened in the database, as if its last use were 7 days ago (no notification says
        // so): opening the stream renewed it.
        async end() {
          const expiry = Date.now() + 300;
          await fixture.store.sessions.extend(sessionIdHash(fixture.secret, value), new Date(expiry));
          return until(expiry);
        },
      };
    },
  },
];

/** The same ends written by something other than the app (a script, an admin's SQL). */
export const plainSqlEndings: AccessEnding[] = [
  {
    way: "sign-out",
    name: "session deleted by plain SQL",
    reason: "token revoked",
    async arrange(fixture) {
      const { value, headers } = await withSession(fixture);
      const idHash = sessionIdHash(fixture.secret, value);
      return { headers, end: () => now(fixture.plainSql!(`DELETE FROM sessions WHERE id_hash = ?`, [idHash])) };
    },
  },
  {
    way: "revocation",
    name: "token revoked by plain SQL",
    reason: "token revoked",
    async arrange(fixture) {
      const { record, headers } = await withToken(fixture);
      const revoked = new Date().toISOString();
      return {
        headers,
        end: () => now(fixture.plainSql!(`UPDATE api_tokens SET revoke_time = ? WHERE id = ?`, [revoked, record.id])),
      };
    },
  },
];

/** Opens a stream. */
export type OpenWatch = (headers: Record<string, string>, signal: AbortSignal) => AsyncIterable<WatchOrdersResponse>;

/**
 * WatchOrders (and the rest of OrderService) behind the credential check, in memory: one
 * instance, whose own code (the same store) makes the changes.
 */
export function inProcessWatch(store: Store, secret: Uint8Array, authCacheMs: number): OpenWatch {
  const transport = createRouterTransport((router) =>
    router.service(
      OrderService,
      createOrderService(store, createCheckClient(createRouterTransport(() => {})), { heartbeatMs: 5_000 }),
      { interceptors: [createAuthInterceptor(store, () => secret, authCacheMs)] },
    ),
  );
  const client = createClient(OrderService, transport);
  return (headers, signal) => client.watchOrders({}, { headers, signal });
}

/** A watch opened, its first message read: resolves to when it ended with `reason` (epoch ms). */
async function openedWatch(
  open: OpenWatch,
  headers: Record<string, string>,
  reason: CredentialFailure,
  signal: AbortSignal,
) {
  const iterator = open(headers, signal)[Symbol.asyncIterator]();
  const first: IteratorResult<WatchOrdersResponse> = await iterator.next();
  assert.equal(first.done ? "end" : first.value.event.case, "heartbeat");
  return async () => {
    try {
      for (;;) {
        const result = await iterator.next();
        assert.ok(!result.done, "the stream ended cleanly instead of with UNAUTHENTICATED");
      }
    } catch (error) {
      const connectError = ConnectError.from(error);
      assert.equal(Code[connectError.code], Code[Code.Unauthenticated], connectError.message);
      assert.equal(connectError.rawMessage, reason);
      return Date.now();
    }
  };
}

/**
 * Opens a watch with the credential through each of `opens` (one server or several), waits for
 * their first messages, ends access, and resolves to the milliseconds from the end of access to
 * each stream's UNAUTHENTICATED with `reason`. Fails if a stream goes on for `limitMs` or ends
 * any other way.
 */
export async function msUntilStreamsEnd(
  opens: OpenWatch[],
  { headers, end }: Arranged,
  reason: CredentialFailure,
  limitMs = 40_000,
): Promise<number[]> {
  const abort = new AbortController();
  const limit = setTimeout(() => abort.abort(new Error(`a stream was still open after ${limitMs} ms`)), limitMs);
  try {
    const streams = await Promise.all(opens.map((open) => openedWatch(open, headers, reason, abort.signal)));
    const accessEnded = await end();
    return (await Promise.all(streams.map((ended) => ended()))).map((at) => at - accessEnded);
  } finally {
    clearTimeout(limit);
    abort.abort();
  }
}

/** {@link msUntilStreamsEnd} for one stream. */
export async function msUntilStreamEnds(
  open: OpenWatch,
  arranged: Arranged,
  reason: CredentialFailure,
): Promise<number> {
  const [ms] = await msUntilStreamsEnd([open], arranged, reason);
  return ms!;
}
