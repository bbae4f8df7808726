// Who may call, against `next start` over real sockets: every credential on every protocol
// (/api with Connect and gRPC-Web, the gRPC port), the REST routes, session cookies same-site
// and cross-site, and the sign-in throttle.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createClient } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../gen/check/check_pb";
import { OrderService } from "../gen/order/order_pb";
import { addAccount, createOwner } from "../server/auth/accounts";
import { issueApiToken } from "../server/auth/api-tokens";
import { endSession, sessionCookieName, startSession } from "../server/auth/sessions";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import type { App } from "./support/app-per-file";
import { rejectsWith } from "./support/connect-errors";
import { encodeSecret, newAuthSecret, unrecordedToken } from "./support/credentials";
import { createSqliteDatabase } from "./support/sqlite-database";
import { startNextServer } from "./support/next-server";
import { protocols } from "./support/protocol-transports";
import type { Protocol } from "./support/protocol-transports";

const app = {} as App;
const authCacheMs = 200;
const password = "correct horse battery";
let store: Store;
let owner: { id: string; username: string };

before(async () => {
  app.database = await createSqliteDatabase();
  // The server's own database, opened beside it to arrange accounts, sessions and tokens.
  store = createStore({ provider: "sqlite", file: app.database.file });
  const created = await createOwner(store, "owner", password);
  assert.ok("account" in created);
  owner = created.account;
  // Verified credentials are trusted this long: the revocation test waits it out.
  app.server = await startNextServer({ databaseUrl: app.database.url, env: { AUTH_CACHE_MS: String(authCacheMs) } });
});
after(async () => {
  await app.server?.stop();
  await store?.close();
  await app.database?.remove();
});

const secret = () => app.server.authSecret;
const issue = (options: { ttlMs?: number; now?: Date } = {}) =>
  issueApiToken(store, secret(), {
    name: "test",
    owner: { accountId: owner.id, username: owner.username },
    ...options,
  });

/** ListOrders with no token of the transport's own, and these headers instead. */
function listWith(protocol: Protocol, headers: Record<string, string>) {
  return createClient(OrderService, protocol.transport(app.server, { token: false })).listOrders({}, { headers });
}

async function refused(call: Promise<unknown>, message: string) {
  const error = await rejectsWith(call, Code.Unauthenticated);
  assert.equal(error.rawMessage, message);
}

for (const protocol of protocols) {
  describe(protocol.name, () => {
    test("without a credential: UNAUTHENTICATED token not found, for both services", async () => {
      await refused(listWith(protocol, {}), "token not found");
      const check = createClient(CheckStatusOrderService, protocol.transport(app.server, { token: false }));
      await refused(check.checkStatusOrder({ uuid: crypto.randomUUID() }), "token not found");
    });

    test("a good token in rpc-auth or in Authorization: Bearer is accepted", async () => {
      const { token } = await issue();
      assert.ok(await listWith(protocol, { "rpc-auth": token }));
      assert.ok(await listWith(protocol, { authorization: `Bearer ${token}` }));
    });

    test("an expired token: token expired", async () => {
      const { token } = await issue({ ttlMs: 60_000, now: new Date(Date.now() - 3_600_000) });
      await refused(listWith(protocol, { "rpc-auth": token }), "token expired");
    });

    test("a revoked token: token revoked once AUTH_CACHE_MS has passed, and so is one no database recorded", async () => {
      const { token, record } = await issue();
      assert.ok(await listWith(protocol, { "rpc-auth": token }));
      assert.equal(await store.apiTokens.revoke(record.id, owner.id, new Date()), true);
      await sleep(authCacheMs);
      await refused(listWith(protocol, { "rpc-auth": token }), "token revoked");
      await refused(listWith(protocol, { "rpc-auth": await unrecordedToken(secret()) }), "token revoked");
    });

    test("a token signed with another secret, or malformed: token invalid", async () => {
      const foreign = await unrecordedToken(encodeSecret(newAuthSecret()));
      await refused(listWith(protocol, { "rpc-auth": foreign }), "token invalid");
      await refused(listWith(protocol, { authorization: `Bearer ${foreign}` }), "token invalid");
      await refused(listWith(protocol, { "rpc-auth": "not.a.jwt" }), "token invalid");
      // alg none: a signature-less token must not pass for a signed one.
      const [, payload] = (await issue()).token.split(".");
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
      await refused(listWith(protocol, { "rpc-auth": unsigned }), "token invalid");
    });

    test("the session cookie is accepted from our own site and refused cross-site", async () => {
      const cookie = `${sessionCookieName}=${await startSession(store, secret(), owner.id)}`;
      assert.ok(await listWith(protocol, { cookie, "sec-fetch-site": "same-origin" }));
      assert.ok(await listWith(protocol, { cookie }), "programs that send no browser headers");
      await refused(listWith(protocol, { cookie, "sec-fetch-site": "cross-site" }), "token not found");
      await refused(listWith(protocol, { cookie, "sec-fetch-site": "same-site" }), "token not found");
      await refused(listWith(protocol, { cookie, origin: "https://evil.example" }), "token not found");
    });

    test("a signed-out or expired session is refused", async () => {
      const value = await startSession(store, secret(), owner.id);
      await endSession(store, secret(), value);
      await refused(listWith(protocol, { cookie: `${sessionCookieName}=${value}` }), "token revoked");
      const old = await startSession(store, secret(), owner.id, new Date(Date.now() - 8 * 24 * 3_600_000));
      await refused(listWith(protocol, { cookie: `${sessionCookieName}=${old}` }), "token expired");
    });
  });
}

describe("REST routes", () => {
  const get = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${app.server.port}/api/v1/orders`, { headers });

  test("need a credential too, forwarded into the in-process call", async () => {
    const missing = await get({});
    assert.equal(missing.status, 401);
    assert.deepEqual(((await missing.json()) as { error: object }).error, {
      code: 401,
      status: "UNAUTHENTICATED",
      message: "token not found",
      details: [],
    });
    assert.equal((await get({ authorization: `Bearer ${app.server.token}` })).status, 200);
    assert.equal((await get({ "rpc-auth": app.server.token })).status, 200);
    const cookie = `${sessionCookieName}=${await startSession(store, secret(), owner.id)}`;
    assert.equal((await get({ cookie, "sec-fetch-site": "same-origin" })).status, 200);
    assert.equal((await get({ cookie, "sec-fetch-site": "cross-site" })).status, 401);
  });
});

describe("sign-in", () => {
  const signIn = (username: string, secretWord: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${app.server.port}/api/auth/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", ...headers },
      body: new URLSearchParams({ username, password: secretWord, next: "/orders/x?y=1" }),
    });
  const outcome = (response: Response) =>
    new URL(response.headers.get("location") ?? "", "http://x").searchParams.get("error");

  test("sets an httpOnly, SameSite=Lax session cookie that the API accepts, and returns to `next`", async () => {
    const response = await signIn("OWNER", password);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/orders/x?y=1");
    const setCookie = response.headers.get("set-cookie") ?? "";
    assert.match(
      setCookie,
      new RegExp(`^${sessionCookieName}=[\\w-]{43}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax$`),
    );
    const cookie = setCookie.split(";")[0]!;
    assert.ok(await listWith(protocols[0]!, { cookie, "sec-fetch-site": "same-origin" }));
  });

  test("refuses a form posted from another site", async () => {
    assert.equal((await signIn("owner", password, { "sec-fetch-site": "cross-site" })).status, 403);
  });

  test("slows down guessing per account: after 5 failures even the right password waits", async () => {
    const added = await addAccount(store, "alice", password);
    assert.ok("account" in added);
    for (let attempt = 1; attempt <= 5; attempt++) {
      assert.equal(outcome(await signIn("alice", `wrong password ${attempt}`)), "credentials", `attempt ${attempt}`);
    }
    const throttled = await signIn("alice", password);
    assert.equal(outcome(throttled), "throttled");
    assert.ok(Number(new URL(throttled.headers.get("location")!, "http://x").searchParams.get("retry")) >= 1);
    // Failures and refusals are logged with the name and address, never the password.
    assert.match(app.server.output(), /sign-in failed for "alice" from [\d.:a-f]+: wrong password/);
    assert.match(app.server.output(), /sign-in refused for "alice" .*throttled/);
    assert.doesNotMatch(app.server.output(), /wrong password \d|correct horse/);
    // The wait is one second after the fifth failure: then the right password gets in.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await signIn("alice", password)).headers.get("location"), "/orders/x?y=1");
  });

  test("slows down guessing per client address across accounts", async () => {
    let throttledAfter = 0;
    for (let attempt = 1; attempt <= 25 && !throttledAfter; attempt++) {
      if (outcome(await signIn(`nobody-${attempt}`, "guess guess guess")) === "throttled") throttledAfter = attempt;
    }
    assert.ok(throttledAfter > 0 && throttledAfter <= 21, `throttled after ${throttledAfter} attempts`);
    assert.equal(outcome(await signIn("someone-new", "guess guess guess")), "throttled");
  });
});
