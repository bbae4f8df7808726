// gRPC-Web text mode (application/grpc-web-text, base64 framing) as Google's grpc-web client
// and Envoy speak it, on /api and on the gRPC port, over real sockets with raw bytes: no
// gRPC library between the test and the server's framing.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { findTrailerError } from "@connectrpc/connect/protocol-grpc";
import { EchoMessageSchema } from "../gen/echo/echo_pb";
import { BadRequestSchema, ErrorInfoSchema } from "../gen/google/rpc/error_details_pb";
import {
  CreateOrderRequestSchema,
  CreateOrderResponseSchema,
  ListOrdersRequestSchema,
  ListOrdersResponseSchema,
  ReadOrderRequestSchema,
} from "../gen/order/order_pb";
import { appPerFile } from "./support/app-per-file";
import { decodeMessages, decodeTextBody, grpcWebFrame, parseGrpcWebBody, rawPost } from "./support/raw-grpc-web";
import { retried } from "./support/retried";
import type { RawResponse } from "./support/raw-grpc-web";

const pauseMs = 300;
const app = appPerFile({ ECHO_PAUSE_MS: String(pauseMs) });

const targets = [
  { name: "/api (Next, HTTP/1.1)", url: (path: string) => `${app.server.apiUrl}${path}`, http2: false },
  { name: "gRPC port (HTTP/2)", url: (path: string) => `${app.server.grpcUrl}${path}`, http2: true },
];

const textBody = <Desc extends DescMessage>(schema: Desc, init: MessageInitShape<Desc>) =>
  grpcWebFrame(toBinary(schema, create(schema, init))).toString("base64");

const bodyText = (response: RawResponse) =>
  Buffer.concat(response.chunks.map((chunk) => chunk.data)).toString("latin1");

/** The decoded text-mode answer, after checking it is one. */
function textAnswer(response: RawResponse, contentType = "application/grpc-web-text+proto") {
  assert.equal(response.status, 200, bodyText(response));
  assert.equal(response.headers["content-type"], contentType);
  const text = bodyText(response);
  assert.match(text, /^[A-Za-z0-9+/=]*$/, "the body is base64 only");
  return parseGrpcWebBody(decodeTextBody(text));
}

/** The error a gRPC client reads from the trailers, google.rpc details included. */
function trailerError(trailers: Record<string, string>) {
  assert.ok(trailers["grpc-status-details-bin"], "grpc-status-details-bin trailer");
  const error = findTrailerError(new Headers(trailers));
  assert.ok(error, "an error status");
  return error;
}

/** A connection reset before any answer arrived (see its use). */
const resetBeforeAnswer = (error: unknown) =>
  ["EPIPE", "ECONNRESET"].includes((error as NodeJS.ErrnoException).code ?? "");

for (const target of targets) {
  describe(`gRPC-Web text on the ${target.name}`, () => {
    const post = (path: string, chunks: (string | Uint8Array)[], contentType = "application/grpc-web-text") =>
      rawPost({
        url: target.url(path),
        http2: target.http2,
        chunks,
        headers: { "content-type": contentType, "x-grpc-web": "1", "rpc-auth": app.server.token },
      });

    test("a unary call answers in text mode with the message and the trailer frame", async () => {
      // Both request spellings are answered as application/grpc-web-text+proto, as Envoy does.
      for (const contentType of ["application/grpc-web-text", "application/grpc-web-text+proto"]) {
        const body = textBody(CreateOrderRequestSchema, { name: `Text ${contentType}` });
        const answer = textAnswer(await post("/order.OrderService/CreateOrder", [body], contentType));
        assert.equal(answer.trailers["grpc-status"], "0");
        const [created] = decodeMessages(CreateOrderResponseSchema, answer);
        assert.equal(created?.order?.name, `Text ${contentType}`);
      }
    });

    test("an empty request message (a zero-length frame) is a valid call", async () => {
      const answer = textAnswer(await post("/order.OrderService/ListOrders", [textBody(ListOrdersRequestSchema, {})]));
      assert.equal(answer.trailers["grpc-status"], "0");
      assert.ok((decodeMessages(ListOrdersResponseSchema, answer)[0]?.totalSize ?? 0) >= 1);
    });

    test("a body chunked anywhere, and as padded segments one after another, decodes", async () => {
      const frame = grpcWebFrame(
        toBinary(CreateOrderRequestSchema, create(CreateOrderRequestSchema, { name: "Chunked" })),
      );
      const whole = frame.toString("base64");
      const oddCuts = [whole.slice(0, 1), whole.slice(1, 6), whole.slice(6, 7), whole.slice(7)];
      // A sender that encodes each piece on its own: "…=" segments followed by more base64.
      const segments = [frame.subarray(0, 1), frame.subarray(1, 5), frame.subarray(5)].map((part) =>
        part.toString("base64"),
      );
      assert.ok(
        segments.slice(0, -1).some((segment) => segment.endsWith("=")),
        "test needs a padded segment mid-body",
      );
      for (const chunks of [oddCuts, segments, [segments.join("")]]) {
        const answer = textAnswer(await post("/order.OrderService/CreateOrder", chunks));
        assert.equal(answer.trailers["grpc-status"], "0", JSON.stringify(chunks));
        assert.equal(decodeMessages(CreateOrderResponseSchema, answer)[0]?.order?.name, "Chunked");
      }
    });

    test("NOT_FOUND arrives with a readable message and ErrorInfo details", async () => {
      const uuid = randomUUID();
      const answer = textAnswer(
        await post("/order.OrderService/ReadOrder", [textBody(ReadOrderRequestSchema, { uuid })]),
      );
      assert.equal(answer.trailers["grpc-status"], String(Code.NotFound));
      assert.equal(answer.trailers["grpc-message"], `Order ${uuid} was not found.`);
      const [info] = trailerError(answer.trailers).findDetails(ErrorInfoSchema);
      assert.equal(info?.reason, "ORDER_NOT_FOUND");
    });

    test("INVALID_ARGUMENT arrives with its message spec-encoded and BadRequest details", async () => {
      const answer = textAnswer(
        await post("/order.OrderService/ReadOrder", [textBody(ReadOrderRequestSchema, { uuid: "nope" })]),
      );
      assert.equal(answer.trailers["grpc-status"], String(Code.InvalidArgument));
      // Not "uuid%3A uuid must…": only bytes outside 0x20–0x7E and % are escaped.
      assert.match(answer.trailers["grpc-message"] ?? "", /^uuid: uuid must be a UUID/);
      const [badRequest] = trailerError(answer.trailers).findDetails(BadRequestSchema);
      assert.deepEqual(
        badRequest?.fieldViolations.map((violation) => violation.field),
        ["uuid"],
      );
    });

    test("a server stream arrives message by message, each as soon as it is produced", async () => {
      const response = await post("/echo.EchoService/ServerStream", [
        textBody(EchoMessageSchema, { username: "ada", message: "hi" }),
      ]);
      const answer = textAnswer(response);
      assert.equal(answer.trailers["grpc-status"], "0");
      assert.deepEqual(
        decodeMessages(EchoMessageSchema, answer).map((m) => [m.username, m.message]),
        [
          ["ada", "hi"],
          ["ada", "hi"],
          ["ada", "hi"],
        ],
      );
      // Each message decodes from the chunks received so far: the stream is not held back.
      const arrivals = response.chunks.map((chunk) => chunk.at);
      assert.ok(arrivals.length >= 3, `expected the messages in separate chunks, got ${arrivals.length}`);
      assert.ok(
        arrivals.at(-1)! - arrivals[0]! >= pauseMs * 1.5,
        `all chunks arrived within ${arrivals.at(-1)! - arrivals[0]!} ms`,
      );
    });

    test("the 1 MiB request limit counts decoded bytes: a bigger message is RESOURCE_EXHAUSTED", async () => {
      const big = textBody(CreateOrderRequestSchema, { name: "x".repeat(1024 * 1024 + 1) });
      const chunks = big.match(/.{1,65536}/g) ?? [];
      // The server answers once it has decoded past the limit, and Node then closes the
      // connection without reading the rest of the body: the kernel resets it, and on a busy
      // machine the reset can reach this sender, still writing, before the answer does (EPIPE,
      // one run in three under load). Such a call is made again, up to twice.
      const answer = textAnswer(
        await retried(() => post("/order.OrderService/CreateOrder", chunks), resetBeforeAnswer),
      );
      assert.equal(answer.trailers["grpc-status"], String(Code.ResourceExhausted));
    });

    test("a body that is not base64 is INVALID_ARGUMENT (or 400), never a 500, and the server carries on", async () => {
      const frame = grpcWebFrame(toBinary(ReadOrderRequestSchema, create(ReadOrderRequestSchema, { uuid: "x" })));
      const bodies = [["not base64!"], [frame], [frame.toString("base64").slice(0, -1)], ["AA=A"], ["{}"]];
      for (const chunks of bodies) {
        const response = await post("/order.OrderService/ReadOrder", chunks);
        assert.notEqual(response.status, 500);
        if (response.status === 200) {
          assert.equal(textAnswer(response).trailers["grpc-status"], String(Code.InvalidArgument), String(chunks[0]));
        } else {
          assert.equal(response.status, 400, String(chunks[0]));
        }
      }
      const after = textAnswer(await post("/order.OrderService/ListOrders", [textBody(ListOrdersRequestSchema, {})]));
      assert.equal(after.trailers["grpc-status"], "0");
      assert.doesNotMatch(app.server.output(), /unexpected error|handler for rpc/);
    });
  });
}

describe("gRPC-Web binary on /api", () => {
  test("the trailer frame carries grpc-message encoded as the gRPC spec says", async () => {
    const request = grpcWebFrame(toBinary(ReadOrderRequestSchema, create(ReadOrderRequestSchema, { uuid: "nope" })));
    const response = await rawPost({
      url: `${app.server.apiUrl}/order.OrderService/ReadOrder`,
      chunks: [request],
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", "rpc-auth": app.server.token },
    });
    assert.equal(response.headers["content-type"], "application/grpc-web+proto");
    const { trailers } = parseGrpcWebBody(Buffer.concat(response.chunks.map((chunk) => chunk.data)));
    assert.equal(trailers["grpc-status"], String(Code.InvalidArgument));
    assert.match(trailers["grpc-message"] ?? "", /^uuid: uuid must be a UUID such as [0-9a-f-]+\.$/);
  });
});
