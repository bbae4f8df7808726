// One JSON log line per RPC, with a request id that the caller also gets, and no secrets.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import { rejectsWith } from "./support/connect-errors";
import { capturedLog } from "./support/captured-log";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";

const app = await grpcListenerOnFreshDatabase();
const grpc = createClient(OrderService, createGrpcTransport({ baseUrl: app.url, interceptors: app.interceptors }));
const connect = createClient(
  OrderService,
  createConnectTransport({ baseUrl: app.url, httpVersion: "2", interceptors: app.interceptors }),
);
const secrets = { authorization: "Bearer token-s3cret", cookie: "session=cookie-s3cret" };

const linesFor = (requestId: string) => app.log.entries().filter((entry) => entry.requestId === requestId);

describe("request log", () => {
  for (const [protocol, client] of [
    ["gRPC", grpc],
    ["Connect", connect],
  ] as const) {
    test(`${protocol}: a line per call, the caller's sane request id kept and returned`, async () => {
      const requestId = `client-${protocol}-42`;
      let returned: string | null = null;
      await client.createOrder(
        { name: "Logged" },
        {
          headers: { ...secrets, "x-request-id": requestId },
          onHeader: (headers) => (returned = headers.get("x-request-id")),
        },
      );
      assert.equal(returned, requestId);
      const [line, ...more] = linesFor(requestId);
      assert.deepEqual(more, []);
      assert.ok(line);
      assert.equal(line.procedure, "order.OrderService/CreateOrder");
      assert.equal(line.code, "ok");
      assert.equal(typeof line.durationMs, "number");
      assert.equal(line.msg, "rpc");
    });
  }

  test("an unusable request id is replaced, and errors carry the id too", async () => {
    const error = await rejectsWith(
      grpc.readOrder({ uuid: crypto.randomUUID() }, { headers: { "x-request-id": 'forged" {"level":60}' } }),
      Code.NotFound,
    );
    const requestId = error.metadata.get("x-request-id");
    assert.match(requestId ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(linesFor(requestId!)[0]?.code, "not_found");
  });

  test("both hops of a CheckStatusOrder share the caller's request id", async () => {
    const order = (await grpc.createOrder({ name: "Chained" })).order!;
    await grpc.checkStatusOrder({ uuid: order.uuid }, { headers: { ...secrets, "x-request-id": "chain-7" } });
    assert.deepEqual(
      linesFor("chain-7")
        .map((line) => line.procedure)
        .sort(),
      ["check.CheckStatusOrderService/CheckStatusOrder", "order.OrderService/CheckStatusOrder"],
    );
  });

  test("tokens and cookies never reach the log", async () => {
    await grpc.listOrders({}, { headers: secrets }).catch((error: unknown) => assert.fail(ConnectError.from(error)));
    assert.ok(app.log.entries().length > 0);
    assert.doesNotMatch(app.log.text(), /s3cret/);
  });
});

test("credentials in an object logged carelessly are redacted", () => {
  const log = capturedLog();
  log.logger.info({ headers: { ...secrets, accept: "*/*" }, account: { password: "hunter2-s3cret" } }, "oops");
  assert.doesNotMatch(log.text(), /s3cret/);
  assert.deepEqual(log.entries()[0]?.headers, { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" });
});
