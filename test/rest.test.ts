// The REST routes transcoded from google.api.http, over real HTTP against `next start`.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { toJson } from "@bufbuild/protobuf";
import { getOption, hasOption } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Validator } from "@seriousme/openapi-schema-validator";
import { http } from "../gen/google/api/annotations_pb";
import { OrderBulkService } from "../gen/order/order_bulk_pb";
import { OrderHistoryService } from "../gen/order/order_history_pb";
import { OrderSchema, OrderService } from "../gen/order/order_pb";
import { appPerFile } from "./support/app-per-file";
import { sendToken } from "./support/credentials";

const app = appPerFile();
type Json = Record<string, unknown>;
type Answer = { status: number; body: Json; headers: Headers };

async function call(
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${app.server.port}${path}`, {
    method,
    headers: {
      ...headers,
      authorization: `Bearer ${app.server.token}`,
      ...(body !== undefined && { "content-type": contentType }),
    },
    ...(body !== undefined && { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
}

const orders = "/api/v1/orders";

async function created(name: string, extra: Json = {}): Promise<Json> {
  const { status, body } = await call("POST", orders, { name, date: "2024-05-01T10:00:00Z", ...extra });
  assert.equal(status, 200, JSON.stringify(body));
  return body.order as Json;
}

/** The AIP-193 error body, checked for shape; returns it for further checks. */
function expectError(answer: Answer, status: number, code: string): { message: string; details: Json[] } {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  const error = answer.body.error as { code: number; status: string; message: string; details: Json[] };
  assert.deepEqual([error.code, error.status], [status, code]);
  assert.ok(error.message.length > 0);
  assert.ok(Array.isArray(error.details));
  return error;
}

describe("REST routes", () => {
  test("create, read, list, update (with and without update_mask), check and delete", async () => {
    const order = await created("Paper", { completed: false });
    assert.deepEqual([order.name, order.completed, order.date], ["Paper", false, "2024-05-01T10:00:00.000Z"]);
    const uuid = order.uuid as string;

    assert.deepEqual((await call("GET", `${orders}/${uuid}`)).body.order, order);

    const masked = await call("PATCH", `${orders}/${uuid}?update_mask=completed`, { completed: true, name: "ignored" });
    assert.equal(masked.status, 200);
    assert.deepEqual([(masked.body.order as Json).name, (masked.body.order as Json).completed], ["Paper", true]);
    const replaced = await call("PATCH", `${orders}/${uuid}`, { name: "Ink", completed: false });
    assert.deepEqual([(replaced.body.order as Json).name, (replaced.body.order as Json).completed], ["Ink", false]);
    const inBody = await call("PATCH", `${orders}/${uuid}`, { name: "Pen", updateMask: "name" });
    assert.equal((inBody.body.order as Json).name, "Pen");

    // The simulated fulfilment system counts an order dated over a day ago as fulfilled.
    const checked = await call("POST", `${orders}/${uuid}:checkStatus`);
    assert.deepEqual(checked.body, { uuid, completed: true });

    assert.deepEqual((await call("DELETE", `${orders}/${uuid}`)).body, {
      notificationType: "ORDER_NOTIFICATION_TYPE_ENUM_OK",
      success: true,
    });
    const gone = expectError(await call("GET", `${orders}/${uuid}`), 404, "NOT_FOUND");
    assert.deepEqual(gone.details, [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "ORDER_NOT_FOUND",
        domain: "order.OrderService",
        metadata: { uuid },
      },
    ]);
  });

  test("query parameters: types, enums, optional filters, page tokens", async () => {
    const tag = randomUUID().slice(0, 8);
    for (const [i, name] of ["b", "a", "c"].entries()) await created(`${tag} ${name}`, { completed: i === 1 });
    const list = async (query: string) => call("GET", `${orders}?name_contains=${tag}&${query}`);

    const byName = await list("order_by=ORDER_BY_NAME_ASC&page_size=2");
    assert.equal(byName.status, 200);
    assert.deepEqual(
      (byName.body.orders as Json[]).map((o) => o.name),
      [`${tag} a`, `${tag} b`],
    );
    assert.equal(byName.body.totalSize, 3);
    const next = await list(`order_by=ORDER_BY_NAME_ASC&pageSize=2&pageToken=${byName.body.nextPageToken as string}`);
    assert.deepEqual(
      (next.body.orders as Json[]).map((o) => o.name),
      [`${tag} c`],
    );

    const done = await list("completed=true");
    assert.deepEqual(
      (done.body.orders as Json[]).map((o) => o.name),
      [`${tag} a`],
    );
    const open = await list("completed=false&order_by=3");
    assert.deepEqual(
      (open.body.orders as Json[]).map((o) => o.name),
      [`${tag} b`, `${tag} c`],
    );

    for (const [query, words] of [
      ["completed=yes", /true or false/],
      ["completed=", /true or false/],
      ["page_size=ten", /integer/],
      ["page_size=-1", /page_size/],
      ["order_by=ORDER_BY_COLOUR", /order_by|OrderBy/i],
      ["page_size=1&page_size=2", /given 2 times/],
      ["colour=red", /unknown query parameter colour/],
      ["page_token=forged", /page_token/],
    ] as const) {
      assert.match(expectError(await list(query), 400, "INVALID_ARGUMENT").message, words, query);
    }
  });

  test("bad bodies, unknown paths and wrong verbs are refused with the right status", async () => {
    const invalid = expectError(await call("POST", orders, { name: " " }), 400, "INVALID_ARGUMENT");
    assert.deepEqual(invalid.details, [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [{ field: "name", description: "Name is required." }],
      },
    ]);
    assert.match(
      expectError(await call("POST", orders, { name: "x", colour: "red" }), 400, "INVALID_ARGUMENT").message,
      /colour/,
    );
    assert.match(expectError(await call("POST", orders, { name: 5 }), 400, "INVALID_ARGUMENT").message, /name/);
    assert.match(expectError(await call("POST", orders, "{oops"), 400, "INVALID_ARGUMENT").message, /not valid JSON/);
    expectError(await call("POST", orders, "[1]"), 400, "INVALID_ARGUMENT");
    expectError(await call("POST", orders, "name=x", "application/x-www-form-urlencoded"), 415, "INVALID_ARGUMENT");
    expectError(await call("POST", orders, { name: "x".repeat(1024 * 1024) }), 413, "RESOURCE_EXHAUSTED");
    const twice = await call("PATCH", `${orders}/${randomUUID()}?update_mask=name`, { name: "x", updateMask: "name" });
    assert.match(expectError(twice, 400, "INVALID_ARGUMENT").message, /both the query and the body/);
    expectError(await call("GET", `${orders}/not-a-uuid`), 400, "INVALID_ARGUMENT");
    // Next refuses a path that is not valid percent-encoding itself, before any route runs.
    assert.equal((await fetch(`http://127.0.0.1:${app.server.port}${orders}/%E0%A4%A`)).status, 400);

    expectError(await call("GET", "/api/v1/customers"), 404, "NOT_FOUND");
    expectError(await call("GET", `${orders}/${randomUUID()}/lines`), 404, "NOT_FOUND");
    const wrongVerb = await call("PUT", `${orders}/${randomUUID()}`, {});
    expectError(wrongVerb, 405, "UNIMPLEMENTED");
    assert.equal(wrongVerb.headers.get("allow"), "GET, PATCH, DELETE");
  });

  test("etags: in the PATCH body, DELETE's query or If-Match; a stale one is 409 ABORTED", async () => {
    const order = await created("Versioned");
    const path = `${orders}/${order.uuid as string}`;
    const renamed = await call("PATCH", `${path}?update_mask=name`, { name: "Renamed", etag: order.etag });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const current = (renamed.body.order as Json).etag as string;
    const stale = { "if-match": order.etag as string };
    const aborted = expectError(await call("PATCH", path, { name: "Lost" }, "application/json", stale), 409, "ABORTED");
    assert.match(aborted.message, /read it again/);
    expectError(await call("DELETE", `${path}?etag=${encodeURIComponent(order.etag as string)}`), 409, "ABORTED");
    expectError(await call("DELETE", path, undefined, undefined, stale), 409, "ABORTED");
    const both = await call("DELETE", `${path}?etag=${encodeURIComponent(current)}`, undefined, undefined, stale);
    assert.match(expectError(both, 400, "INVALID_ARGUMENT").message, /If-Match/);
    assert.equal(((await call("GET", path)).body.order as Json).name, "Renamed");
    const deleted = await call("DELETE", path, undefined, undefined, { "if-match": current });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
  });

  test("an order reads the same through REST, Connect and gRPC", async () => {
    const order = await created("Seen everywhere");
    const uuid = order.uuid as string;
    const connect = createClient(
      OrderService,
      createConnectTransport({
        baseUrl: app.server.apiUrl,
        httpVersion: "1.1",
        interceptors: [sendToken(app.server.token)],
      }),
    );
    const grpc = createClient(
      OrderService,
      createGrpcTransport({ baseUrl: app.server.grpcUrl, interceptors: [sendToken(app.server.token)] }),
    );
    for (const client of [connect, grpc]) {
      const { order: read } = await client.readOrder({ uuid });
      assert.deepEqual(toJson(OrderSchema, read!, { alwaysEmitImplicit: true }), order);
    }
  });
});

describe("OpenAPI document and API reference", () => {
  test("/api/openapi.json is the generated document, valid OpenAPI 3.1, with every annotated method", async () => {
    const served = await call("GET", "/api/openapi.json");
    const committed = JSON.parse(
      await readFile(new URL("../gen/openapi/openapi.json", import.meta.url), "utf8"),
    ) as Json;
    assert.deepEqual(served.body, committed);

    const validator = new Validator();
    const result = await validator.validate(committed);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, "3.1");
    // Every route needs credentials, in any of the forms every transport accepts.
    const { securitySchemes } = committed.components as { securitySchemes: Record<string, { name?: string }> };
    assert.deepEqual(
      Object.values(securitySchemes).map((scheme) => scheme.name ?? "Authorization"),
      ["rpc-auth", "Authorization", "orders_session"],
    );

    const paths = committed.paths as Record<string, Record<string, { operationId: string }>>;
    const documented = Object.entries(paths).flatMap(([path, verbs]) =>
      Object.entries(verbs).map(([verb, operation]) => `${operation.operationId} ${verb.toUpperCase()} ${path}`),
    );
    const services = [OrderService, OrderHistoryService, OrderBulkService];
    const annotated = services
      .flatMap((service) => service.methods)
      .filter((method) => hasOption(method, http))
      .map((method) => {
        const { pattern } = getOption(method, http);
        return `${method.name} ${String(pattern.case).toUpperCase()} ${pattern.value as string}`;
      });
    assert.deepEqual(documented.sort(), annotated.sort());
    // Every unary method is a route, but the batch methods (Connect and gRPC only); a stream has
    // no REST form (WatchOrders), but a stream of raw bytes (ExportOrders, google.api.HttpBody).
    const routed = services
      .flatMap((service) => service.methods)
      .filter((method) =>
        method.methodKind === "unary"
          ? !method.name.startsWith("Batch")
          : method.output.typeName === "google.api.HttpBody",
      );
    assert.equal(annotated.length, routed.length);
  });

  test("/api/docs serves Swagger UI on that document", async () => {
    const page = await fetch(`http://127.0.0.1:${app.server.port}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script src="\/api\/docs\/swagger-ui-bundle.js">/);
    for (const [asset, type] of [
      ["swagger-ui-bundle.js", /javascript/],
      ["swagger-ui.css", /css/],
      ["start.js", /javascript/],
    ] as const) {
      const response = await fetch(`http://127.0.0.1:${app.server.port}/api/docs/${asset}`);
      assert.equal(response.status, 200, asset);
      assert.match(response.headers.get("content-type") ?? "", type);
      await response.arrayBuffer();
    }
    // fetch resolves the dots to /package.json: a page path, which sends signed-out visitors to
    // sign-in. Either way the file itself is never served.
    const traversal = await fetch(`http://127.0.0.1:${app.server.port}/api/docs/../../package.json`, {
      redirect: "manual",
    });
    assert.notEqual(traversal.status, 200);
    assert.doesNotMatch(await traversal.text(), /devDependencies/);
  });
});
