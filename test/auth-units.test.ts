// The auth building blocks in-process: the caller in context values, passwords, token lifetimes.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { Code, createClient, createRouterTransport } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { createOwner } from "../server/auth/accounts";
import { issueApiToken, parseTtl } from "../server/auth/api-tokens";
import { callerKey, createAuthInterceptor, openServices } from "../server/auth/authenticate";
import { createCredentialCache } from "../server/auth/credential-cache";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { hashPassword, passwordProblem, verifyPassword } from "../server/auth/passwords";
import { rejectsWith } from "./support/connect-errors";
import { issueTestToken, sendToken } from "./support/credentials";
import { createSqliteDatabase } from "./support/sqlite-database";
import { routerClientsOnFreshDatabase } from "./support/router-clients";

const { store } = await routerClientsOnFreshDatabase();
const secret = new TextEncoder().encode("a test secret of at least thirty-two characters");

test("handlers find the caller in the context values", async () => {
  const routes = createRouterTransport(
    (router) =>
      router.service(OrderService, {
        listOrders: (_, context) => ({ nextPageToken: context.values.get(callerKey)?.subject ?? "nobody" }),
      }),
    {
      router: { interceptors: [createAuthInterceptor(store, () => secret)] },
      transport: { interceptors: [sendToken(await issueTestToken(store, secret, "ci"))] },
    },
  );
  assert.equal((await createClient(OrderService, routes).listOrders({})).nextPageToken, "service:ci");
});

/** An OrderService on `on` whose ListOrders names the caller, behind the credential check. */
function guardedClient(on: Store, cacheTtlMs: number, token: string) {
  return createClient(
    OrderService,
    createRouterTransport(
      (router) =>
        router.service(OrderService, {
          listOrders: (_, context) => ({ nextPageToken: context.values.get(callerKey)?.subject ?? "nobody" }),
        }),
      {
        router: { interceptors: [createAuthInterceptor(on, () => secret, cacheTtlMs)] },
        transport: { interceptors: [sendToken(token)] },
      },
    ),
  );
}

test("a revoked token is refused at once when revoked here, after the cache's lifetime when revoked elsewhere", async () => {
  const database = await createSqliteDatabase();
  const own = createStore({ provider: "sqlite", file: database.file });
  after(async () => {
    await own.close();
    await database.remove();
  });
  const created = await createOwner(own, "owner", "correct horse battery");
  assert.ok("account" in created);
  const { id: accountId, username } = created.account;
  const cacheTtlMs = 300;
  const [here, elsewhere] = await Promise.all(
    ["here", "elsewhere"].map(async (name) => {
      const { token, record } = await issueApiToken(own, secret, { name, owner: { accountId, username } });
      const client = guardedClient(own, cacheTtlMs, token);
      assert.equal((await client.listOrders({})).nextPageToken, "account:owner");
      return { client, id: record.id };
    }),
  );
  const refusedAsRevoked = async (call: Promise<unknown>) =>
    assert.equal((await rejectsWith(call, Code.Unauthenticated)).rawMessage, "token revoked");

  // Another instance (or a script) takes the token back: this process learns it from the database.
  const other = new Database(database.file);
  other.prepare("DELETE FROM api_tokens WHERE id = ?").run(elsewhere!.id);
  other.close();
  await sleep(cacheTtlMs);
  await refusedAsRevoked(elsewhere!.client.listOrders({}));

  // Revoked by this process (the tokens page): refused at once, whatever the cache's lifetime.
  await here!.client.listOrders({});
  assert.equal(await own.apiTokens.revoke(here!.id, accountId, new Date()), true);
  await refusedAsRevoked(here!.client.listOrders({}));
});

test("the credential cache keeps an entry for its lifetime, never past the credential's expiry", () => {
  let now = 1_000_000;
  const cache = createCredentialCache<string>({ ttlMs: 5_000, maxEntries: 2, now: () => now });
  cache.set("long-lived", "a", now + 3_600_000);
  cache.set("expiring", "b", now + 1_000);
  cache.set("expired", "c", now);
  assert.equal(cache.get("expired"), undefined, "an expired credential is not kept");
  now += 999;
  assert.deepEqual([cache.get("long-lived"), cache.get("expiring")], ["a", "b"]);
  now += 1;
  assert.equal(cache.get("expiring"), undefined, "gone at its expiry, not at the cache's lifetime");
  now += 3_999;
  assert.equal(cache.get("long-lived"), "a");
  now += 1;
  assert.equal(cache.get("long-lived"), undefined, "gone after the cache's lifetime");
});

test("the credential cache holds at most maxEntries, dropping the oldest", () => {
  const cache = createCredentialCache<number>({ ttlMs: 5_000, maxEntries: 2 });
  for (const [i, key] of ["first", "second", "third"].entries()) cache.set(key, i, Infinity);
  assert.deepEqual(
    ["first", "second", "third"].map((key) => cache.get(key)),
    [undefined, 1, 2],
  );
});

test("health, reflection and echo are the only open services", () => {
  assert.deepEqual([...openServices].sort(), [
    "echo.EchoService",
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
  ]);
});

test("passwords are scrypt hashes with their parameters and a per-password salt", async () => {
  const [first, second] = [await hashPassword("twelve chars!"), await hashPassword("twelve chars!")];
  assert.match(first, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(first, second);
  assert.equal(await verifyPassword("twelve chars!", first), true);
  assert.equal(await verifyPassword("twelve chars?", first), false);
  assert.equal(passwordProblem("eleven char"), "Use at least 12 characters.");
  assert.equal(passwordProblem("twelve chars"), undefined);
});

test("token lifetimes read as minutes, hours or days, up to a year", () => {
  assert.equal(parseTtl("30d"), 30 * 24 * 3_600_000);
  assert.equal(parseTtl("90m"), 90 * 60_000);
  for (const bad of ["", "0d", "30", "1y", "367d", "-1d"]) assert.equal(parseTtl(bad), undefined, bad);
});
