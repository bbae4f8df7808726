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
  // Verified credentials are trusted this long: the revocation test waits it out. The tests
  // call from 127.0.0.1, here a trusted proxy: X-Forwarded-For says which client each request
  // stands for.
  app.server = await startNextServer({
    databaseUrl: app.database.url,
    env: { AUTH_CACHE_MS: String(authCacheMs), TRUSTED_PROXIES: "127.0.0.1" },
  });
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
  const signIn = (
    username: string,
    secretWord: string,
    {
      from,
      next = "/orders/x?y=1",
      headers = {},
    }: { from?: string; next?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`http://127.0.0.1:${app.server.port}/api/auth/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "sec-fetch-site": "same-origin",
        ...(from && { "x-forwarded-for": `192.0.2.250, ${from}` }),
        ...headers,
      },
      body: new URLSearchParams({ username, password: secretWord, next }),
    });
  const location = (response: Response) => new URL(response.headers.get("location") ?? "", "http://x");
  const outcome = (response: Response) => location(response).searchParams.get("error");
  const newAccount = async (username: string) => assert.ok("account" in (await addAccount(store, username, password)));

  test("sets an httpOnly, SameSite=Lax session cookie that the API accepts, and returns to `next`", async () => {
    const response = await signIn("OWNER", password, { from: "198.51.100.1" });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/orders/x?y=1");
    const [sessionCookie] = response.headers.getSetCookie();
    assert.match(
      sessionCookie ?? "",
      new RegExp(`^${sessionCookieName}=[\\w-]{43}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax$`),
    );
    const cookie = sessionCookie!.split(";")[0]!;
    assert.ok(await listWith(protocols[0]!, { cookie, "sec-fetch-site": "same-origin" }));
  });

  test("refuses a form posted from another site", async () => {
    assert.equal((await signIn("owner", password, { headers: { "sec-fetch-site": "cross-site" } })).status, 403);
  });

  test("returns only to paths on this site, and never fails on odd ones", async () => {
    for (const next of [
      "/\t/evil.example",
      "/%09/evil.example",
      "/\n/evil.example",
      "//evil.example",
      "https://evil.example",
    ]) {
      const response = await signIn("owner", password, { from: "198.51.100.2", next });
      assert.equal(response.headers.get("location"), "/", next);
    }
    // A signed-in visitor following a link to the sign-in page is sent on at once.
    const [sessionCookie] = (await signIn("owner", password, { from: "198.51.100.2" })).headers.getSetCookie();
    for (const next of ["/%09/evil.example", "/%0a/evil.example", "/%0d%0aSet-Cookie:x=1", "/%E0%A4%A", "%"]) {
      const page = await fetch(`http://127.0.0.1:${app.server.port}/sign-in?next=${next}`, {
        redirect: "manual",
        headers: { cookie: sessionCookie!.split(";")[0]! },
      });
      assert.ok(page.status === 307 || page.status === 303, `${next}: ${page.status}`);
      assert.equal(page.headers.get("location"), "/", next);
    }
  });

  test("one guesser behind a trusted proxy throttles no one else", async () => {
    await newAccount("alice");
    await newAccount("bob");
    const guesser = "203.0.113.66";
    for (let attempt = 1; attempt <= 5; attempt++) {
      assert.equal(outcome(await signIn("alice", `wrong password ${attempt}`, { from: guesser })), "credentials");
    }
    // The guesser now waits, even with the right password (1 s from the fifth failure's answer,
    // doubling with each failure)...
    const throttled = await signIn("alice", password, { from: guesser });
    assert.equal(outcome(throttled), "throttled");
    assert.equal(location(throttled).searchParams.get("retry"), "1");
    // ...while alice elsewhere, and everyone else behind the same proxy, sign in at once.
    assert.equal(outcome(await signIn("alice", password, { from: "198.51.100.7" })), null);
    assert.equal(outcome(await signIn("bob", password, { from: "198.51.100.8" })), null);
    assert.equal(outcome(await signIn("bob", password, { from: "2001:db8:1::8" })), null);
    // Logged with the client's address, never the proxy's, and never the password.
    assert.ok(app.server.output().includes(`sign-in failed for "alice" from ${guesser}: wrong password`));
    assert.ok(app.server.output().includes(`sign-in refused for "alice" from ${guesser}: throttled for 1 s`));
    assert.match(app.server.output(), /signed in "alice" from 198\.51\.100\.7/);
    assert.doesNotMatch(app.server.output(), /wrong password \d|correct horse/);
    // The wait is one second after the fifth failure: then the right password gets in from there too.
    await sleep(1_100);
    assert.equal(location(await signIn("alice", password, { from: guesser })).pathname, "/orders/x");
  });

  test("the form shown again keeps the username, says 'Try again in 1 second', and JSON callers get 429", async () => {
    await newAccount("dora");
    const from = "203.0.113.70";
    let refused: Response | undefined;
    for (let attempt = 1; attempt <= 5; attempt++) refused = await signIn("dora", "not dora's password", { from });
    const kept = refused!.headers.getSetCookie().find((cookie) => cookie.startsWith("orders_sign_in_username="));
    assert.match(kept ?? "", /^orders_sign_in_username=dora; Path=\/sign-in; Max-Age=300; HttpOnly; SameSite=Lax$/);
    const throttled = await signIn("dora", password, { from });
    const page = await fetch(`http://127.0.0.1:${app.server.port}${throttled.headers.get("location")}`, {
      headers: { cookie: kept!.split(";")[0]! },
    });
    const html = await page.text();
    assert.match(html, /Too many failed sign-ins\. Try again in 1 second\./);
    assert.match(html, /name="username"[^>]*value="dora"|value="dora"[^>]*name="username"/);
    // A wrong guess first keeps the refusal in force (or renews it, doubled) however long the page took.
    await signIn("dora", "not dora's password", { from });
    const json = await signIn("dora", password, { from, headers: { accept: "application/json" } });
    assert.equal(json.status, 429);
    assert.ok(Number(json.headers.get("retry-after")) >= 1);
    assert.deepEqual(Object.keys((await json.json()) as object).sort(), ["message", "refused", "retryAfterSeconds"]);
  });

  test("guessing spread over many addresses meets the per-account limit: 50 failures, then 72 s", async () => {
    await newAccount("carol");
    for (let client = 1; client <= 50; client++) {
      assert.equal(outcome(await signIn("carol", "a wrong guess!", { from: `198.18.0.${client}` })), "credentials");
    }
    const throttled = await signIn("carol", password, { from: "198.18.1.1" });
    assert.equal(outcome(throttled), "throttled");
    assert.equal(location(throttled).searchParams.get("retry"), "72");
    // Other accounts from those addresses are untouched.
    assert.equal(outcome(await signIn("bob", password, { from: "198.18.0.1" })), null);
  });

  test("slows down guessing per client across accounts", async () => {
    const from = "203.0.113.99";
    let throttledAfter = 0;
    for (let attempt = 1; attempt <= 25 && !throttledAfter; attempt++) {
      if (outcome(await signIn(`nobody-${attempt}`, "guess guess guess", { from })) === "throttled") {
        throttledAfter = attempt;
      }
    }
    assert.ok(throttledAfter > 0 && throttledAfter <= 21, `throttled after ${throttledAfter} attempts`);
    assert.equal(outcome(await signIn("someone-new", "guess guess guess", { from })), "throttled");
    // A neighbour in the same IPv6 /64 is the same client; the next /64 is not.
    const v6 = "2001:db8:99::";
    for (let attempt = 1; attempt <= 21; attempt++)
      await signIn(`nobody-${attempt}`, "guess", { from: `${v6}${attempt}` });
    assert.equal(outcome(await signIn("someone-new", "guess", { from: `${v6}ffff` })), "throttled");
    assert.equal(outcome(await signIn("someone-new", "guess", { from: "2001:db8:98::1" })), "credentials");
  });
});
