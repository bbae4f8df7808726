// Who may do what, against `next start` over real sockets: each role and token scope against
// each method, on every protocol and port, and on the REST routes. A viewer and a read-scoped
// token read, list and watch, and every write of theirs is PERMISSION_DENIED (HTTP 403) with a
// google.rpc.ErrorInfo reason; a token never does more than its account's role.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, createClient } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../gen/check/check_pb";
import { OrderHistoryService } from "../gen/order/order_history_pb";
import { OrderService } from "../gen/order/order_pb";
import { addAccount, createOwner } from "../server/auth/accounts";
import type { MemberRole } from "../server/auth/accounts";
import { issueApiToken } from "../server/auth/api-tokens";
import { sessionCookieName, startSession } from "../server/auth/sessions";
import type { TokenScope } from "../server/auth/permissions";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import type { App } from "./support/app-per-file";
import { rejectsWith, rejectsWithReason } from "./support/connect-errors";
import { createSqliteDatabase } from "./support/sqlite-database";
import { startNextServer } from "./support/next-server";
import { protocols } from "./support/protocol-transports";
import type { Protocol } from "./support/protocol-transports";

const app = {} as App;
const authCacheMs = 200;
const password = "correct horse battery";
let store: Store;
let accounts: Record<"olga" | "eddie" | "vera", { id: string; username: string }>;
let uuid: string;

/**
 * A caller: whose token, with which scope, and whether its writes go through. `cli`: made by
 * `npm run token` with these arguments, as an operator would.
 */
type Caller = {
  name: string;
  account?: "olga" | "eddie" | "vera";
  scope?: TokenScope;
  cli?: string[];
  /** Signed in in a browser: the session cookie instead of a token. */
  session?: boolean;
  writes: boolean;
  reason?: string;
};
const callers: Caller[] = [
  { name: "owner", account: "olga", writes: true },
  { name: "editor", account: "eddie", writes: true },
  { name: "viewer", account: "vera", writes: false, reason: "ROLE_READ_ONLY" },
  { name: "viewer's browser session", account: "vera", session: true, writes: false, reason: "ROLE_READ_ONLY" },
  { name: "editor's browser session", account: "eddie", session: true, writes: true },
  // Asking for write does not lift a viewer above their role.
  { name: "viewer's write-scoped token", account: "vera", scope: "write", writes: false, reason: "ROLE_READ_ONLY" },
  {
    name: "editor's read-scoped token",
    account: "eddie",
    scope: "read",
    writes: false,
    reason: "TOKEN_SCOPE_READ_ONLY",
  },
  { name: "service token, read scope", scope: "read", writes: false, reason: "TOKEN_SCOPE_READ_ONLY" },
  { name: "npm run token --scope read", cli: ["--scope", "read"], writes: false, reason: "TOKEN_SCOPE_READ_ONLY" },
  { name: "service token, no scope given", writes: true },
];
const tokens = new Map<Caller, string>();

before(async () => {
  app.database = await createSqliteDatabase();
  store = createStore({ provider: "sqlite", file: app.database.file });
  const owner = await createOwner(store, "olga", password);
  const member = async (name: string, role: MemberRole) => {
    const added = await addAccount(store, name, password, role);
    assert.ok("account" in added);
    return added.account;
  };
  assert.ok("account" in owner);
  accounts = { olga: owner.account, eddie: await member("eddie", "editor"), vera: await member("vera", "viewer") };
  app.server = await startNextServer({ databaseUrl: app.database.url, env: { AUTH_CACHE_MS: String(authCacheMs) } });
  for (const caller of callers.filter((caller) => caller.cli)) {
    const run = spawnSync("npm", ["run", "-s", "token", "--", "--name", "cli", ...caller.cli!], {
      env: {
        ...process.env,
        DATABASE_URL: app.database.url,
        AUTH_SECRET: new TextDecoder().decode(app.server.authSecret),
      },
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    tokens.set(caller, run.stdout.trim());
  }
  for (const caller of callers.filter((caller) => caller.session)) {
    tokens.set(caller, await startSession(store, app.server.authSecret, accounts[caller.account!].id));
  }
  for (const caller of callers.filter((caller) => !caller.cli && !caller.session)) {
    const account = caller.account && accounts[caller.account];
    const { token } = await issueApiToken(store, app.server.authSecret, {
      name: caller.name,
      scope: caller.scope,
      owner: account ? { accountId: account.id, username: account.username } : { service: "ci" },
    });
    tokens.set(caller, token);
  }
  const admin = createClient(OrderService, protocols[0]!.transport(app.server));
  uuid = (await admin.createOrder({ name: "Shared" })).order!.uuid;
});
after(async () => {
  await app.server?.stop();
  await store?.close();
  await app.database?.remove();
});

const tokenOf = (name: string) => tokens.get(callers.find((caller) => caller.name === name)!)!;

function clientsOf(protocol: Protocol, caller: Caller) {
  const credential = tokens.get(caller)!;
  const transport = protocol.transport(
    app.server,
    caller.session
      ? { token: false, headers: { cookie: `${sessionCookieName}=${credential}`, "sec-fetch-site": "same-origin" } }
      : { token: credential },
  );
  return {
    orders: createClient(OrderService, transport),
    history: createClient(OrderHistoryService, transport),
    check: createClient(CheckStatusOrderService, transport),
  };
}

type Clients = ReturnType<typeof clientsOf>;
const reads: Record<string, (clients: Clients) => Promise<unknown>> = {
  ListOrders: ({ orders }) => orders.listOrders({ pageSize: 1 }),
  ReadOrder: ({ orders }) => orders.readOrder({ uuid }),
  ListOrderHistory: ({ history }) => history.listOrderHistory({ uuid }),
  WatchOrders: async ({ orders }) => {
    const abort = new AbortController();
    try {
      for await (const message of orders.watchOrders({}, { signal: abort.signal })) return message;
      return undefined;
    } finally {
      abort.abort();
    }
  },
  // The chain's far end only answers: a read.
  "check.CheckStatusOrder": ({ check }) => check.checkStatusOrder({ uuid }),
};
const writes: Record<string, (clients: Clients, target: string) => Promise<unknown>> = {
  CreateOrder: ({ orders }) => orders.createOrder({ name: "Written" }),
  UpdateOrder: ({ orders }, target) =>
    orders.updateOrder({ uuid: target, name: "Renamed", updateMask: { paths: ["name"] } }),
  DeleteOrder: ({ orders }, target) => orders.deleteOrder({ uuid: target }),
  // Stores the fulfilment system's answer: a write.
  CheckStatusOrder: ({ orders }, target) => orders.checkStatusOrder({ uuid: target }),
};

for (const protocol of protocols) {
  describe(protocol.name, () => {
    for (const caller of callers) {
      test(`${caller.name}: reads everything; ${caller.writes ? "writes" : `every write is PERMISSION_DENIED ${caller.reason}`}`, async () => {
        const clients = clientsOf(protocol, caller);
        for (const [method, call] of Object.entries(reads)) assert.ok(await call(clients), method);
        for (const [method, call] of Object.entries(writes)) {
          // A fresh order each, so a delete that goes through takes nothing from the others.
          const target = (
            await createClient(OrderService, protocol.transport(app.server)).createOrder({ name: method })
          ).order!.uuid;
          if (caller.writes) {
            await call(clients, target);
            continue;
          }
          const { error, metadata } = await rejectsWithReason(
            call(clients, target),
            Code.PermissionDenied,
            caller.reason!,
          );
          assert.match(error.rawMessage, /can read orders but not change them/);
          assert.match(metadata.method ?? "", new RegExp(`/${method}$`));
          // Refused before anything was stored.
          assert.equal(
            (await createClient(OrderService, protocol.transport(app.server)).readOrder({ uuid: target })).order?.name,
            method,
          );
        }
      });
    }
  });
}

describe("REST and Connect answer refused writes with HTTP 403", () => {
  const viewer = () => tokenOf("viewer");
  const readToken = () => tokenOf("service token, read scope");
  const rest = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${app.server.port}/api/v1/orders${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });

  test("a viewer and a read-scoped token list, read and read history; POST, PATCH, DELETE and :checkStatus are 403", async () => {
    for (const [token, reason] of [
      [viewer(), "ROLE_READ_ONLY"],
      [readToken(), "TOKEN_SCOPE_READ_ONLY"],
    ] as const) {
      assert.equal((await rest("", token)).status, 200);
      assert.equal((await rest(`/${uuid}`, token)).status, 200);
      const history = await rest(`/${uuid}/history`, token);
      assert.equal(history.status, 200);
      const { entries } = (await history.json()) as { entries: { actor: string; kind: string }[] };
      assert.deepEqual(entries.at(-1), {
        ...entries.at(-1),
        actor: "service:test",
        kind: "ORDER_HISTORY_KIND_CREATED",
      });
      for (const [path, method] of [
        ["", "POST"],
        [`/${uuid}`, "PATCH"],
        [`/${uuid}`, "DELETE"],
        [`/${uuid}:checkStatus`, "POST"],
      ] as const) {
        const response = await rest(path, token, { method, body: method === "DELETE" ? undefined : '{"name":"x"}' });
        assert.equal(response.status, 403, `${method} ${path}`);
        const body = (await response.json()) as { error: { status: string; details: { reason?: string }[] } };
        assert.equal(body.error.status, "PERMISSION_DENIED");
        assert.equal(body.error.details[0]?.reason, reason);
      }
    }
  });

  test("Connect's HTTP status of a viewer's write is 403", async () => {
    const response = await fetch(`${app.server.apiUrl}/order.OrderService/CreateOrder`, {
      method: "POST",
      headers: { "rpc-auth": viewer(), "content-type": "application/json" },
      body: '{"name":"x"}',
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { code: string }).code, "permission_denied");
  });
});

describe("the owner's changes reach running servers", () => {
  const connect = (token: string) => createClient(OrderService, protocols[0]!.transport(app.server, { token }));

  test("a role the owner changes applies within AUTH_CACHE_MS, to the member's tokens too", async () => {
    const vera = connect(tokenOf("viewer"));
    await rejectsWith(vera.createOrder({ name: "Not yet" }), Code.PermissionDenied);
    await store.accounts.setRole(accounts.vera.id, "editor");
    await sleep(authCacheMs + 100);
    assert.ok((await vera.createOrder({ name: "Now an editor" })).order);
    await store.accounts.setRole(accounts.vera.id, "viewer");
    await sleep(authCacheMs + 100);
    await rejectsWith(vera.createOrder({ name: "A viewer again" }), Code.PermissionDenied);
  });

  test("the owner lists every token, people's and services', and revokes any", async () => {
    const all = await store.apiTokens.listAll();
    const service = all.find((token) => token.subject === "service:ci" && token.scope === "read")!;
    assert.ok(service, "the service's token is listed");
    assert.deepEqual(
      new Set(all.map((token) => token.subject)),
      new Set(["service:ci", "service:cli", "service:test", "account:olga", "account:eddie", "account:vera"]),
    );
    const client = connect(tokenOf("service token, read scope"));
    assert.ok(await client.listOrders({ pageSize: 1 }));
    // The owner revokes without being its account (the owner passes no account).
    assert.equal(await store.apiTokens.revoke(service.id, undefined, new Date()), true);
    await sleep(authCacheMs + 100);
    const error = await rejectsWith(client.listOrders({ pageSize: 1 }), Code.Unauthenticated);
    assert.equal(error.rawMessage, "token revoked");
  });
});
