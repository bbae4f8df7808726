// withApiGuards: the CORS and error answers that connect-next leaves to the app.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import { after, before, describe, test } from "node:test";
import { cors } from "@connectrpc/connect";
import { nextJsApiRouter } from "@connectrpc/connect-next";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { createRoutes, routerOptions } from "../server/rpc/routes";
import { corsAllowedHeaders } from "../server/rpc/cors-policy";
import { withApiGuards } from "../server/rpc/with-api-guards";
import { authSecret } from "../server/auth/auth-secret";
import { issueTestToken } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";
import type { Store } from "../server/db/store";

const allowed = "https://allowed.example";
const listOrders = "/api/order.OrderService/ListOrders";
let database: SqliteDatabase;
let routes: ReturnType<typeof createRoutes>;
let store: Store;
const servers: Server[] = [];
const allowedOrigins = (list: string) => parseConfig({ CORS_ORIGINS: list }).corsOrigins;

before(async () => {
  database = await createSqliteDatabase();
  store = createStore({ provider: "sqlite", file: database.file });
  routes = createRoutes(store);
});
after(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await store.close();
  await database.remove();
});

/**
 * Serves a Next API handler from a plain node:http server on a free port; returns its base URL.
 * The connect-next handler reads only the Node parts of NextApiRequest (its body parser is off).
 */
async function serve(handler: (request: never, response: never) => unknown): Promise<string> {
  const listener = handler as unknown as RequestListener;
  const server = createServer((request, response) => void listener(request, response));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  assert.ok(address && typeof address === "object");
  return `http://127.0.0.1:${address.port}`;
}

const preflight = (base: string, origin: string) =>
  fetch(`${base}${listOrders}`, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type,connect-protocol-version",
    },
  });

const post = (base: string, origin: string, token = "") =>
  fetch(`${base}${listOrders}`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/json", "Rpc-Auth": token },
    body: "{}",
  });

/** The CORS behaviour a browser on another site depends on, against one server. */
function corsChecks(baseUrl: () => string, token: () => string) {
  test("a preflight from an allowed origin is answered with Connect's CORS lists", async () => {
    const response = await preflight(baseUrl(), allowed);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), allowed);
    assert.equal(
      response.headers.get("access-control-allow-methods"),
      [...cors.allowedMethods, "PATCH", "DELETE"].join(", "),
    );
    assert.equal(response.headers.get("access-control-allow-headers"), corsAllowedHeaders.join(", "));
    // Tokens travel in headers, which other sites' pages may send; cookies never count cross-site.
    assert.equal(response.headers.get("access-control-allow-credentials"), null);
    assert.match(response.headers.get("vary") ?? "", /Origin/);
  });

  test("a preflight from any other origin gets no permission", async () => {
    for (const origin of ["https://evil.example", "https://allowed.example.evil.example", "null"]) {
      const response = await preflight(baseUrl(), origin);
      assert.equal(response.headers.get("access-control-allow-origin"), null, origin);
      assert.equal(response.headers.get("access-control-allow-headers"), null, origin);
    }
  });

  test("an RPC from an allowed origin exposes the headers gRPC-Web clients read", async () => {
    const response = await post(baseUrl(), allowed, token());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), allowed);
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(", ");
    for (const header of cors.exposedHeaders)
      assert.ok(exposed.includes(header), `${header} exposed: ${exposed.join(", ")}`);
    assert.equal(
      (await post(baseUrl(), "https://evil.example", token())).headers.get("access-control-allow-origin"),
      null,
    );
  });
}

describe("CORS on a node:http server", () => {
  let base = "";
  let token = "";
  before(async () => {
    token = await issueTestToken(store, authSecret());
    const { handler } = nextJsApiRouter({ routes, ...routerOptions, prefix: "/api" });
    base = await serve(withApiGuards(handler, allowedOrigins(`${allowed}, https://second.example/`)));
  });
  corsChecks(
    () => base,
    () => token,
  );

  test("CORS_ORIGINS entries are trimmed and a trailing slash is ignored", async () => {
    const response = await preflight(base, "https://second.example");
    assert.equal(response.headers.get("access-control-allow-origin"), "https://second.example");
  });
});

describe("CORS on the production server with CORS_ORIGINS set", () => {
  let server: NextServer | undefined;
  before(async () => {
    server = await startNextServer({
      databaseUrl: database.url,
      env: { CORS_ORIGINS: `${allowed},https://other.example` },
    });
  });
  after(() => server?.stop());
  corsChecks(
    () => `http://127.0.0.1:${server!.port}`,
    () => server!.token,
  );
});

describe("a handler that fails outside the RPC", () => {
  // contextValues runs inside the adapter's try block but outside the RPC, so its error
  // skips Connect's error handling and lands in the adapter's catch, which only logs.
  const failingRouter = () =>
    nextJsApiRouter({
      routes,
      ...routerOptions,
      prefix: "/api",
      contextValues: () => {
        throw new Error("boom");
      },
    });

  test("still gets an error answer, promptly and without the error text", async (t) => {
    t.mock.method(console, "error", () => {});
    const base = await serve(withApiGuards(failingRouter().handler, allowedOrigins("")));
    const response = await post(base, "").then(
      (r) => r,
      (error: unknown) => assert.fail(`no answer: ${String(error)}`),
    );
    assert.equal(response.status, 500);
    assert.doesNotMatch(await response.text(), /boom|\n\s+at /);
  });

  test("would hang without the guard (why withApiGuards exists)", async (t) => {
    t.mock.method(console, "error", () => {});
    const base = await serve(failingRouter().handler);
    const outcome = await fetch(`${base}${listOrders}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(1_000),
    }).then(
      () => "answered",
      (error: Error) => error.name,
    );
    assert.equal(
      outcome,
      "TimeoutError",
      "connect-next now ends the response itself: the guard's fallback may be removable",
    );
  });
});
