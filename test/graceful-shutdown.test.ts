// SIGTERM as a deployment sends it, over real sockets: both listeners stop accepting, calls
// in flight finish, calls that outlive the grace period are cut off, the store closes, and
// `npm start` hands the signal to the server.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request as http1Request } from "node:http";
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from "node:http";
import { connect as http2Connect } from "node:http2";
import type { ClientHttp2Stream } from "node:http2";
import { connect as tcpConnect } from "node:net";
import { resolve } from "node:path";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { create, toBinary } from "@bufbuild/protobuf";
import Database from "better-sqlite3";
import { CreateOrderRequestSchema } from "../gen/order/order_pb";
import { newAuthSecret } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createSqliteDatabase } from "./support/sqlite-database";
import type { SqliteDatabase } from "./support/sqlite-database";

const root = resolve(import.meta.dirname, "..");
const waitLimitMs = 30_000;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + waitLimitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolveRefused) => {
    const socket = tcpConnect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolveRefused(false);
    });
    socket.once("error", () => resolveRefused(true));
  });
}

/** A gRPC CreateOrder whose body is sent in two halves, so it is in flight between them. */
function halfSentGrpcCall(server: NextServer, name: string) {
  const message = toBinary(CreateOrderRequestSchema, create(CreateOrderRequestSchema, { name }));
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  Buffer.from(message).copy(frame, 5);
  const session = http2Connect(server.grpcUrl);
  session.on("error", () => {});
  const stream: ClientHttp2Stream = session.request({
    ":method": "POST",
    ":path": "/order.OrderService/CreateOrder",
    "content-type": "application/grpc",
    te: "trailers",
    "rpc-auth": server.token,
  });
  stream.on("error", () => {});
  stream.write(frame.subarray(0, 3));
  const status = new Promise<string>((resolveStatus) => {
    stream.on("trailers", (trailers: IncomingHttpHeaders) => resolveStatus(String(trailers["grpc-status"])));
    stream.on("close", () => resolveStatus(`closed (RST code ${stream.rstCode})`));
    stream.resume();
  });
  return {
    finish: () => stream.end(frame.subarray(3)),
    status,
    close: () => session.destroy(),
  };
}

/** A Connect JSON CreateOrder to the Next port whose body is sent in two halves. */
function halfSentConnectCall(server: NextServer, name: string) {
  const body = JSON.stringify({ name });
  const request: ClientRequest = http1Request(`${server.apiUrl}/order.OrderService/CreateOrder`, {
    method: "POST",
    headers: { "content-type": "application/json", "connect-protocol-version": "1", "rpc-auth": server.token },
  });
  const status = new Promise<string>((resolveStatus) => {
    request.on("response", (response: IncomingMessage) => {
      response.resume();
      response.on("end", () => resolveStatus(String(response.statusCode)));
      response.on("error", () => resolveStatus("response cut off"));
    });
    request.on("error", (error) => resolveStatus(`failed (${error.message})`));
  });
  request.write(body.slice(0, 5));
  return { finish: () => request.end(body.slice(5)), status };
}

function storedNames(database: SqliteDatabase): string[] {
  const file = new Database(database.file, { readonly: true });
  try {
    return file
      .prepare<[], { name: string }>("SELECT name FROM orders ORDER BY name")
      .all()
      .map((row) => row.name);
  } finally {
    file.close();
  }
}

describe("SIGTERM to next start", () => {
  const databases: SqliteDatabase[] = [];
  after(() => Promise.all(databases.map((database) => database.remove())));

  test("stops both listeners, lets the calls in flight finish, closes the store and exits", async () => {
    const database = await createSqliteDatabase();
    databases.push(database);
    const server = await startNextServer({ databaseUrl: database.url });
    const grpcCall = halfSentGrpcCall(server, "Finished over gRPC");
    const connectCall = halfSentConnectCall(server, "Finished over Connect");
    await sleep(200); // both requests reach the server before the signal (ordering, not a measurement)

    server.process.kill("SIGTERM");
    await until(() => server.output().includes("shutdown: SIGTERM"), "the shutdown to begin");
    assert.ok(await refuses(server.grpcPort), "the gRPC port still accepts connections");
    grpcCall.finish();
    connectCall.finish();

    assert.equal(await grpcCall.status, "0", "the in-flight gRPC call did not finish with OK");
    assert.equal(await connectCall.status, "200", "the in-flight Connect call did not finish with 200");
    assert.equal(await server.exited(), 143);
    grpcCall.close();
    assert.ok(await refuses(server.port), "the HTTP port still accepts connections");
    assert.match(server.output(), /shutdown: store closed; exiting/);
    assert.deepEqual(storedNames(database), ["Finished over Connect", "Finished over gRPC"]);
  });

  test("cuts off calls still running when the grace period ends", async () => {
    const database = await createSqliteDatabase();
    databases.push(database);
    const server = await startNextServer({ databaseUrl: database.url, env: { SHUTDOWN_GRACE_MS: "500" } });
    const grpcCall = halfSentGrpcCall(server, "Never finished over gRPC");
    const connectCall = halfSentConnectCall(server, "Never finished over Connect");
    await sleep(200);

    server.process.kill("SIGTERM");
    // The bodies never complete: only the grace period can end these calls.
    assert.equal(await server.exited(), 143);
    assert.match(await grpcCall.status, /^closed/);
    assert.notEqual(await connectCall.status, "200");
    grpcCall.close();
    assert.match(server.output(), /grace period over: cancelling the calls still running/);
    assert.match(server.output(), /shutdown: store closed; exiting/);
    assert.deepEqual(storedNames(database), []);
  });
});

describe("npm start", () => {
  test("passes SIGTERM through to the server, which shuts down and leaves no process behind", async () => {
    const database = await createSqliteDatabase();
    after(() => database.remove());
    let output = "";
    const npm = spawn("npm", ["start", "--", "--port", "0", "--hostname", "127.0.0.1"], {
      cwd: root,
      detached: true, // its own process group, to check that nothing in it outlives npm
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        GRPC_PORT: "0",
        GRPC_HOST: "127.0.0.1",
        NODE_ENV: "production",
        AUTH_SECRET: newAuthSecret(),
      },
    });
    npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => npm.once("exit", (code) => resolveExit(code)));
    try {
      await until(() => output.includes("gRPC listening"), "npm start to be ready");
      npm.kill("SIGTERM"); // to npm alone, as a supervisor that knows only its child's pid sends it
      await exited;
      assert.match(output, /shutdown: SIGTERM/);
      assert.match(output, /shutdown: store closed; exiting/);
      await sleep(100);
      assert.throws(() => process.kill(-npm.pid!, 0), { code: "ESRCH" }, "a process of npm start is still running");
    } finally {
      try {
        process.kill(-npm.pid!, "SIGKILL");
      } catch {
        // already gone, as it should be
      }
    }
  });
});
