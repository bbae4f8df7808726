// @grpc/grpc-js, the most used Node gRPC client, as a real peer on the gRPC port: unary
// calls, the echo streams, deadlines, and status messages that arrive as they were written.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageInitShape, MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { Client, credentials, Metadata, status } from "@grpc/grpc-js";
import type { ServiceError } from "@grpc/grpc-js";
import type { Http2Server } from "node:http2";
import { DelayedReplySchema, EchoMessageSchema, EchoService } from "../gen/echo/echo_pb";
import type { EchoMessage } from "../gen/echo/echo_pb";
import {
  CreateOrderRequestSchema,
  CreateOrderResponseSchema,
  ReadOrderRequestSchema,
  ReadOrderResponseSchema,
} from "../gen/order/order_pb";
import { createEchoService } from "../server/echo/echo-service";
import { startGrpcServer } from "../server/rpc/grpc-server";
import { appPerFile } from "./support/app-per-file";

const app = appPerFile({ ECHO_PAUSE_MS: "0" });

/** Raw-bytes grpc-js calls, encoded and decoded with the generated schemas; `token` goes in `rpc-auth`. */
function grpcJs(target: string, token?: string) {
  const metadata = new Metadata();
  if (token !== undefined) metadata.set("rpc-auth", token);
  const client = new Client(target, credentials.createInsecure());
  const codec = <Desc extends DescMessage>(schema: Desc) => ({
    serialize: (message: MessageShape<Desc>) => Buffer.from(toBinary(schema, message)),
    deserialize: (bytes: Buffer) => fromBinary(schema, bytes),
  });
  const deadline = (ms = 10_000) => ({ deadline: Date.now() + ms });
  return {
    close: () => client.close(),
    unary<I extends DescMessage, O extends DescMessage>(
      path: string,
      input: I,
      output: O,
      request: MessageInitShape<I>,
    ) {
      return new Promise<MessageShape<O>>((resolve, reject) => {
        const i = codec(input);
        const o = codec(output);
        client.makeUnaryRequest(
          path,
          i.serialize,
          o.deserialize,
          create(input, request),
          metadata,
          deadline(),
          (error, value) => (error || !value ? reject(error ?? new Error("no response")) : resolve(value)),
        );
      });
    },
    serverStream(path: string, request: MessageInitShape<typeof EchoMessageSchema>, ms?: number) {
      const { serialize, deserialize } = codec(EchoMessageSchema);
      const call = client.makeServerStreamRequest(
        path,
        serialize,
        deserialize,
        create(EchoMessageSchema, request),
        deadline(ms),
      );
      const received: EchoMessage[] = [];
      call.on("data", (message: EchoMessage) => received.push(message));
      return new Promise<EchoMessage[]>((resolve, reject) => {
        call.on("error", (error: ServiceError) => reject(Object.assign(error, { received })));
        call.on("end", () => resolve(received));
      });
    },
    clientStream(path: string, requests: MessageInitShape<typeof EchoMessageSchema>[]) {
      const { serialize } = codec(EchoMessageSchema);
      return new Promise<MessageShape<typeof DelayedReplySchema>>((resolve, reject) => {
        const call = client.makeClientStreamRequest(
          path,
          serialize,
          codec(DelayedReplySchema).deserialize,
          deadline(),
          (error, value) => (error || !value ? reject(error ?? new Error("no response")) : resolve(value)),
        );
        for (const request of requests) call.write(create(EchoMessageSchema, request));
        call.end();
      });
    },
    bidi(path: string) {
      const { serialize, deserialize } = codec(EchoMessageSchema);
      return client.makeBidiStreamRequest(path, serialize, deserialize, deadline());
    },
  };
}

type Client_ = ReturnType<typeof grpcJs>;
const rejectsWithStatus = async (call: Promise<unknown>, code: status) => {
  const error = await call.then(
    () => assert.fail("expected the call to fail"),
    (error: ServiceError) => error,
  );
  assert.equal(status[error.code], status[code], error.details);
  return error;
};

describe("grpc-js against the app's gRPC port", () => {
  let client: Client_;
  before(() => (client = grpcJs(`127.0.0.1:${app.server.grpcPort}`, app.server.token)));
  after(() => client.close());

  test("creates and reads an order", async () => {
    const created = await client.unary(
      "/order.OrderService/CreateOrder",
      CreateOrderRequestSchema,
      CreateOrderResponseSchema,
      {
        name: "From grpc-js",
      },
    );
    const read = await client.unary("/order.OrderService/ReadOrder", ReadOrderRequestSchema, ReadOrderResponseSchema, {
      uuid: created.order!.uuid,
    });
    assert.equal(read.order?.name, "From grpc-js");
  });

  test("reads an INVALID_ARGUMENT message with its colon intact", async () => {
    const error = await rejectsWithStatus(
      client.unary("/order.OrderService/ReadOrder", ReadOrderRequestSchema, ReadOrderResponseSchema, { uuid: "nope" }),
      status.INVALID_ARGUMENT,
    );
    assert.match(error.details, /^uuid: uuid must be a UUID such as [0-9a-f-]+\.$/);
  });

  test("runs the three echo streams", async () => {
    const hi = { username: "js", message: "hi" };
    assert.equal((await client.serverStream("/echo.EchoService/ServerStream", hi)).length, 3);
    const reply = await client.clientStream("/echo.EchoService/ClientStream", [
      hi,
      { username: "js", message: "there" },
    ]);
    assert.deepEqual(
      reply.response.map((m) => m.message),
      ["hi", "there"],
    );
    const call = client.bidi("/echo.EchoService/BothStream");
    const echoes: string[] = [];
    const ended = new Promise((resolve, reject) => call.on("end", resolve).on("error", reject));
    // Each request is written only after the previous echo came back.
    call.on("data", (message: EchoMessage) => {
      echoes.push(message.message);
      if (echoes.length < 3) call.write(create(EchoMessageSchema, { username: "js", message: String(echoes.length) }));
      else call.end();
    });
    call.write(create(EchoMessageSchema, { username: "js", message: "0" }));
    await ended;
    assert.deepEqual(echoes, ["0", "1", "2"]);
  });
});

describe("grpc-js against startGrpcServer with test services", () => {
  // Echo implementations that fail with the request's text, and that pause longer than a
  // deadline: the listener and its bridges are the real ones, only the service is the test's.
  const routes = (router: ConnectRouter) =>
    router.service(EchoService, {
      ...createEchoService({ pauseMs: 2_000 }),
      clientStream: async (requests) => {
        for await (const request of requests) throw new ConnectError(request.message, Code.FailedPrecondition);
        throw new ConnectError("empty", Code.InvalidArgument);
      },
    });
  let server: Http2Server;
  let client: Client_;
  before(async () => {
    server = await startGrpcServer(routes, { port: 0, host: "127.0.0.1" });
    client = grpcJs(`127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  after(async () => {
    client.close();
    await new Promise((done) => server.close(done));
  });

  test("status messages with : , / % and non-ASCII text arrive exactly as written", async () => {
    for (const message of [
      "uuid: must be a UUID, see docs/errors (100% sure)",
      "Bestellung für Jürgen — 注文 ✓",
      "%3A is not a colon; %%",
      "tab\there, newline\nthere",
    ]) {
      const error = await rejectsWithStatus(
        client.clientStream("/echo.EchoService/ClientStream", [{ username: "js", message }]),
        status.FAILED_PRECONDITION,
      );
      assert.equal(error.details, message);
    }
  });

  test("a deadline ends a stream with DEADLINE_EXCEEDED after what arrived in time", async () => {
    const started = Date.now();
    const error = await rejectsWithStatus(
      client.serverStream("/echo.EchoService/ServerStream", { username: "js", message: "slow" }, 300),
      status.DEADLINE_EXCEEDED,
    );
    assert.equal((error as ServiceError & { received: EchoMessage[] }).received.length, 1);
    assert.ok(Date.now() - started < 1_500, `took ${Date.now() - started} ms`);
  });
});
