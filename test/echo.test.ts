// EchoService, the original's three streaming kinds, over the real ports: the generated
// TypeScript client (gRPC on the gRPC port; Connect and gRPC-Web through /api for
// ServerStream) and Python's grpcio, the original's own client library.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { DelayedReplySchema, EchoMessageSchema, EchoService } from "../gen/echo/echo_pb";
import type { EchoMessage } from "../gen/echo/echo_pb";
import { parseConfig } from "../server/config.js";
import { appPerFile } from "./support/app-per-file";

const app = appPerFile({ ECHO_PAUSE_MS: "0" });
const python = process.env.GRPCIO_PYTHON ?? "/usr/bin/python3";
const pairs = (messages: EchoMessage[]) => messages.map((m) => [m.username, m.message]);

describe("ECHO_PAUSE_MS", () => {
  test("defaults to the original's one second and accepts 0", () => {
    assert.equal(parseConfig({}).echoPauseMs, 1000);
    assert.equal(parseConfig({ ECHO_PAUSE_MS: "0" }).echoPauseMs, 0);
    assert.throws(() => parseConfig({ ECHO_PAUSE_MS: "soon" }), /ECHO_PAUSE_MS/);
  });
});

describe("generated TypeScript client over gRPC (gRPC port)", () => {
  const echo = () => createClient(EchoService, createGrpcTransport({ baseUrl: app.server.grpcUrl }));

  test("ClientStream answers with every message it received, in order", async () => {
    const requests = ["one", "two", "three"].map((message) => ({ username: "ada", message }));
    const reply = await echo().clientStream(createAsyncIterable(requests));
    assert.deepEqual(pairs(reply.response), [
      ["ada", "one"],
      ["ada", "two"],
      ["ada", "three"],
    ]);
  });

  test("ServerStream answers three echoes", async () => {
    const received: EchoMessage[] = [];
    for await (const message of echo().serverStream({ username: "ada", message: "hi" })) received.push(message);
    assert.deepEqual(pairs(received), [
      ["ada", "hi"],
      ["ada", "hi"],
      ["ada", "hi"],
    ]);
  });

  test("BothStream echoes each message before the next is sent", async () => {
    // The next request waits for the previous echo: a server that answered only at the end
    // of the request stream would deadlock here (and the test time out).
    let echoed: (() => void) | undefined;
    async function* requests() {
      for (const message of ["a", "b", "c"]) {
        const arrived = new Promise<void>((resolve) => (echoed = resolve));
        yield { username: "ada", message };
        await arrived;
      }
    }
    const received: EchoMessage[] = [];
    for await (const message of echo().bothStream(requests(), { timeoutMs: 10_000 })) {
      received.push(message);
      echoed?.();
    }
    assert.deepEqual(pairs(received), [
      ["ada", "a"],
      ["ada", "b"],
      ["ada", "c"],
    ]);
  });
});

describe("ServerStream through /api", () => {
  for (const [name, transport] of [
    ["Connect", () => createConnectTransport({ baseUrl: app.server.apiUrl, httpVersion: "1.1" })],
    ["gRPC-Web", () => createGrpcWebTransport({ baseUrl: app.server.apiUrl, httpVersion: "1.1" })],
  ] as const) {
    test(`over ${name}`, async () => {
      const received: EchoMessage[] = [];
      for await (const message of createClient(EchoService, transport()).serverStream({
        username: "bo",
        message: name,
      })) {
        received.push(message);
      }
      assert.deepEqual(pairs(received), [
        ["bo", name],
        ["bo", name],
        ["bo", name],
      ]);
    });
  }
});

const grpcio = spawnSync(python, ["-c", "import grpc"]);
const grpcioMissing =
  grpcio.status === 0
    ? false
    : `Python grpcio is not importable by ${python} (apt-get install -y python3-grpcio): grpcio echo not tested`;
if (grpcioMissing) console.warn(`SKIPPED: ${grpcioMissing}`);

type GrpcioCall = {
  method: string;
  kind: "unary_stream" | "stream_unary" | "stream_stream";
  requests: { username: string; message: string }[];
};

/** Runs the calls from one grpcio channel; each result is its raw responses or its status. */
async function callWithGrpcio(calls: GrpcioCall[]) {
  const job = {
    target: `127.0.0.1:${app.server.grpcPort}`,
    calls: calls.map((call) => ({
      ...call,
      requests: call.requests.map((r) =>
        Buffer.from(toBinary(EchoMessageSchema, create(EchoMessageSchema, r))).toString("base64"),
      ),
    })),
  };
  const child = execFile(python, [join(import.meta.dirname, "support/grpcio-stream-call.py")]);
  child.stdin?.end(JSON.stringify(job));
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  assert.equal(code, 0, stderr);
  return (JSON.parse(stdout) as ({ ok: string[] } | { code: string; details: string })[]).map((result) => {
    assert.ok("ok" in result, `grpcio: ${JSON.stringify(result)}`);
    return result.ok.map((bytes) => Buffer.from(bytes, "base64"));
  });
}

describe("Python grpcio", () => {
  test("all three streaming kinds with raw protobuf bytes", { skip: grpcioMissing }, async () => {
    const [client, server, both] = await callWithGrpcio([
      {
        method: "/echo.EchoService/ClientStream",
        kind: "stream_unary",
        requests: [
          { username: "py", message: "1" },
          { username: "py", message: "2" },
        ],
      },
      {
        method: "/echo.EchoService/ServerStream",
        kind: "unary_stream",
        requests: [{ username: "py", message: "hello" }],
      },
      {
        method: "/echo.EchoService/BothStream",
        kind: "stream_stream",
        requests: [
          { username: "py", message: "x" },
          { username: "py", message: "y" },
        ],
      },
    ]);
    assert.deepEqual(pairs(fromBinary(DelayedReplySchema, client![0]!).response), [
      ["py", "1"],
      ["py", "2"],
    ]);
    assert.deepEqual(pairs(server!.map((bytes) => fromBinary(EchoMessageSchema, bytes))), [
      ["py", "hello"],
      ["py", "hello"],
      ["py", "hello"],
    ]);
    assert.deepEqual(pairs(both!.map((bytes) => fromBinary(EchoMessageSchema, bytes))), [
      ["py", "x"],
      ["py", "y"],
    ]);
  });
});
