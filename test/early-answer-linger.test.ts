// A body over 1 MiB is answered before it is read. A client that writes its whole body before
// it reads (Python's http.client, a browser's XHR) must still get RESOURCE_EXHAUSTED, not a TCP
// reset, and its connection must serve the next request; the reading after the answer is bounded.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { RequestListener, Server } from "node:http";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import { nextJsApiRouter } from "@connectrpc/connect-next";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { createRoutes, routerOptions } from "../server/rpc/routes";
import type { LingerLimits } from "../server/rpc/early-answer-linger";
import { withApiGuards } from "../server/rpc/with-api-guards";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";
import { chunkedCreate, received, until, writeAll } from "./support/write-first-client";

const mib = 1024 * 1024;
let database: SqliteDatabase;
let store: Store;
const servers: Server[] = [];

before(async () => {
  database = await createSqliteDatabase();
  store = createStore({ provider: "sqlite", file: database.file });
});
after(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await store.close();
  await database.remove();
});

/** The /api handler as pages/api mounts it, on a plain node:http server; returns its port. */
async function serve(linger?: LingerLimits): Promise<number> {
  const { handler } = nextJsApiRouter({ routes: createRoutes(store), ...routerOptions, prefix: "/api" });
  const listener = withApiGuards(handler, new Set(), linger) as unknown as RequestListener;
  const server = createServer((request, response) => void listener(request, response));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  assert.ok(address && typeof address === "object");
  return address.port;
}

const readOrder =
  "POST /api/order.OrderService/ReadOrder HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

test("a chunked body of 16 MiB written before reading gets RESOURCE_EXHAUSTED, and the connection serves on", async () => {
  const port = await serve();
  const socket = connect(port, "127.0.0.1");
  const state = received(socket);
  await writeAll(socket, chunkedCreate(16 * mib));
  await until(() => state.text.includes("resource_exhausted") || state.closed);
  assert.match(state.text, /^HTTP\/1\.1 429 /);
  assert.match(state.text, /"code":"resource_exhausted"/);
  assert.equal(state.error, undefined);
  // The next request on the same connection gets its own answer (no credentials: 401).
  socket.write(readOrder);
  await until(() => /HTTP\/1\.1 401 /.test(state.text) || state.closed);
  assert.match(state.text, /HTTP\/1\.1 401 /);
  socket.destroy();
});

test("a gRPC-Web message of 16 MiB written before reading gets grpc-status 8 in its trailer", async () => {
  const port = await serve();
  const socket = connect(port, "127.0.0.1");
  const state = received(socket);
  const message = Buffer.alloc(16 * mib, 1);
  const envelope = Buffer.alloc(5);
  envelope.writeUInt32BE(message.byteLength, 1);
  await writeAll(socket, [
    `POST /api/order.OrderService/CreateOrder HTTP/1.1\r\nHost: test\r\nContent-Type: application/grpc-web+proto\r\nContent-Length: ${5 + message.byteLength}\r\n\r\n`,
    envelope,
    message,
  ]);
  await until(() => state.text.includes("grpc-status") || state.closed);
  assert.match(state.text, /grpc-status: ?8/);
  assert.equal(state.error, undefined);
  socket.destroy();
});

test("past its byte bound the reading after the answer stops and the connection is closed", async () => {
  const port = await serve({ ms: 10_000, maxBytes: 2 * mib });
  const socket = connect(port, "127.0.0.1");
  const state = received(socket);
  await writeAll(socket, chunkedCreate(64 * mib));
  await until(() => state.closed);
  assert.ok(state.closed, "the server closed the connection");
});

test("past its time bound the reading after the answer stops and the connection is closed", async () => {
  const port = await serve({ ms: 300, maxBytes: 64 * mib });
  const socket = connect(port, "127.0.0.1");
  const state = received(socket);
  const parts = chunkedCreate(2 * mib);
  await writeAll(socket, parts.slice(0, -1));
  await until(() => state.text.includes("resource_exhausted"));
  // A trickle after the answer: one chunk every 100 ms, never the end.
  const started = Date.now();
  const chunk = parts[2]!;
  while (!state.closed && Date.now() - started < 5_000) {
    socket.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(state.closed, "the server closed the connection");
  assert.ok(Date.now() - started < 2_000, `closed after ${Date.now() - started} ms`);
});
