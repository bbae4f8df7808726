// Client-streaming and bidi calls are bounded per call (bytes, messages) and the open services'
// streams per connection, on both ports: a caller past a limit gets RESOURCE_EXHAUSTED, and the
// server answers the next call as before. Small limits here; test/abuse-storms.test.ts streams
// hundreds of megabytes at the defaults.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { EchoService } from "../gen/echo/echo_pb";
import { parseConfig } from "../server/config.js";
import { appPerFile } from "./support/app-per-file";

const maxBytes = 64 * 1024;
const maxMessages = 50;
const app = appPerFile({
  ECHO_PAUSE_MS: "0",
  STREAM_MAX_BYTES: String(maxBytes),
  STREAM_MAX_MESSAGES: String(maxMessages),
});

async function* messages(count: number, size: number) {
  for (let i = 0; i < count; i++) {
    // Each message sent as the previous one leaves, as a real stream's would.
    await Promise.resolve();
    yield { username: "x", message: "m".repeat(size) };
  }
}

async function codeOf(call: Promise<unknown>): Promise<Code | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

const ports = [
  ["gRPC port", () => createGrpcTransport({ baseUrl: app.server.grpcUrl })],
  ["/api (Connect, HTTP/1.1)", () => createConnectTransport({ baseUrl: app.server.apiUrl, httpVersion: "1.1" })],
] as const;

describe("the limits' settings", () => {
  test("default to 4 MiB and 10,000 messages per stream, 16 open streams per process and 4 per connection", () => {
    const { limits } = parseConfig({});
    assert.equal(limits.streamMaxBytes, 4 * 1024 * 1024);
    assert.equal(limits.streamMaxMessages, 10_000);
    assert.equal(limits.openStreamsMax, 16);
    assert.equal(limits.openStreamsPerConnection, 4);
    assert.throws(() => parseConfig({ STREAM_MAX_BYTES: "lots" }), /STREAM_MAX_BYTES/);
  });
});

for (const [name, transport] of ports) {
  describe(`ClientStream and BothStream on the ${name}`, () => {
    test("a stream within both limits is answered in full", async () => {
      const reply = await createClient(EchoService, transport()).clientStream(messages(maxMessages, 100));
      assert.equal(reply.response.length, maxMessages);
    });

    test("a stream past its bytes gets RESOURCE_EXHAUSTED", async () => {
      const echo = createClient(EchoService, transport());
      assert.equal(await codeOf(echo.clientStream(messages(100, 4096))), Code.ResourceExhausted);
      // And the server goes on answering.
      assert.equal((await echo.clientStream(messages(1, 10))).response.length, 1);
    });

    test("a stream past its message count gets RESOURCE_EXHAUSTED", async () => {
      const echo = createClient(EchoService, transport());
      assert.equal(await codeOf(echo.clientStream(messages(maxMessages + 1, 1))), Code.ResourceExhausted);
    });

    // Bidi needs HTTP/2: over HTTP/1.1 connect-node's client cannot stream both ways.
    const bidi = name === "gRPC port";
    test(
      "BothStream past its bytes gets RESOURCE_EXHAUSTED after the echoes within them",
      { skip: !bidi },
      async () => {
        const echo = createClient(EchoService, transport());
        let echoed = 0;
        const code = await codeOf(
          (async () => {
            for await (const reply of echo.bothStream(messages(100, 4096))) echoed += reply.message ? 1 : 0;
          })(),
        );
        assert.equal(code, Code.ResourceExhausted);
        assert.ok(echoed <= maxBytes / 4096, `${echoed} echoes`);
      },
    );
  });
}

test("a fifth open stream on one HTTP/2 connection gets RESOURCE_EXHAUSTED; the four go on", async () => {
  const echo = createClient(EchoService, createGrpcTransport({ baseUrl: app.server.grpcUrl }));
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  async function* held() {
    yield { username: "x", message: "open" };
    await finished;
  }
  const open = Array.from({ length: 4 }, () => echo.clientStream(held()));
  // Let the four arrive before the fifth.
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await codeOf(echo.clientStream(messages(1, 1))), Code.ResourceExhausted);
  finish();
  for (const reply of await Promise.all(open)) assert.equal(reply.response.length, 1);
  assert.equal((await echo.clientStream(messages(1, 1))).response.length, 1);
});
