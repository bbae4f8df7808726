// The CheckStatusOrder chain over real HTTP/2: OrderService -> gRPC -> CheckStatusOrderService,
// with the caller's deadline forwarded, and one trace across both hops.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, createClient, createRouterTransport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { CheckStatusOrderService } from "../gen/check/check_pb";
import { OrderService } from "../gen/order/order_pb";
import { checkServiceTransport } from "../server/check/check-client";
import { simulatedShippingDelayMs } from "../server/check/fulfilment-source";
import { createRouterOptions, createRoutes } from "../server/rpc/routes";
import { startTracing } from "../server/observability/tracing";
import { rejectsWith } from "./support/connect-errors";
import { capturedLog } from "./support/captured-log";
import { grpcListenerOnFreshDatabase } from "./support/grpc-listener";

const spans = new InMemorySpanExporter();
startTracing([new SimpleSpanProcessor({ exporter: spans })], "orders-test");

// The checker's simulated latency, and how late a deadline's answer may come on cores that
// `npm test` shares with the browser suite (a timer fired 50 ms late there): an answer before
// the latency is over can only have been the deadline's.
const latencyMs = 400;
const lateMs = 250;
const app = await grpcListenerOnFreshDatabase({ checkLatencyMs: latencyMs });
const transport = createGrpcTransport({ baseUrl: app.url, interceptors: app.interceptors });
const orders = createClient(OrderService, transport);
const check = createClient(CheckStatusOrderService, transport);

const daysAgo = (days: number) => new Date(Date.now() - days * simulatedShippingDelayMs).toISOString();
const createOpenOrder = async (date: string) => (await orders.createOrder({ name: "Chain", date })).order!;
const storedCompleted = async (uuid: string) => (await orders.readOrder({ uuid })).order?.completed;

// Spans end asynchronously to the caller's answer (the far end's after its response is sent).
async function spansOfTrace(traceId: string, count: number): Promise<ReadableSpan[]> {
  for (let tries = 0; tries < 100; tries++) {
    const found = spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`trace ${traceId} has fewer than ${count} spans`);
}

function serverSpan(name: string): ReadableSpan {
  const span = spans.getFinishedSpans().findLast((s) => s.name === name && s.kind === SpanKind.SERVER);
  assert.ok(span, `no server span ${name}`);
  return span;
}

describe("CheckStatusOrder chain", () => {
  test("records the checker's answer in the stored order", async () => {
    const shipped = await createOpenOrder(daysAgo(2));
    const fresh = await createOpenOrder(daysAgo(0));
    const started = performance.now();
    assert.deepEqual(await orders.checkStatusOrder({ uuid: shipped.uuid }).then((r) => [r.uuid, r.completed]), [
      shipped.uuid,
      true,
    ]);
    assert.ok(performance.now() - started >= latencyMs, "the simulated system's latency applies");
    assert.equal(await storedCompleted(shipped.uuid), true);
    assert.equal((await orders.checkStatusOrder({ uuid: fresh.uuid })).completed, false);
    assert.equal(await storedCompleted(fresh.uuid), false);
  });

  test("is one trace: server span, client span, the checker's server span", async () => {
    const order = await createOpenOrder(daysAgo(3));
    await orders.checkStatusOrder({ uuid: order.uuid });
    const root = serverSpan("order.OrderService/CheckStatusOrder");
    const [client, far] = await Promise.all([
      spansOfTrace(root.spanContext().traceId, 3).then((all) => all.find((s) => s.kind === SpanKind.CLIENT)),
      spansOfTrace(root.spanContext().traceId, 3).then((all) =>
        all.find((s) => s.kind === SpanKind.SERVER && s.name === "check.CheckStatusOrderService/CheckStatusOrder"),
      ),
    ]);
    assert.ok(client && far, "the chain's client span and the checker's server span are in the caller's trace");
    assert.equal(client.parentSpanContext?.spanId, root.spanContext().spanId);
    assert.equal(far.parentSpanContext?.spanId, client.spanContext().spanId);
    for (const span of [root, client, far]) {
      assert.equal(span.attributes["rpc.system"], "grpc", span.name);
      assert.equal(span.attributes["rpc.grpc.status_code"], 0, span.name);
    }
    assert.deepEqual(
      [far.attributes["rpc.service"], far.attributes["rpc.method"]],
      ["check.CheckStatusOrderService", "CheckStatusOrder"],
    );
  });

  test("past the caller's deadline: DEADLINE_EXCEEDED right at it, and the order unchanged", async () => {
    const order = await createOpenOrder(daysAgo(2));
    const timeoutMs = 60;
    const started = performance.now();
    await rejectsWith(orders.checkStatusOrder({ uuid: order.uuid }, { timeoutMs }), Code.DeadlineExceeded);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= timeoutMs - 5 && elapsed < timeoutMs + lateMs, `answered after ${elapsed.toFixed(0)} ms`);
    // Longer than the checker would have taken: nothing wrote the late answer.
    await new Promise((resolve) => setTimeout(resolve, latencyMs * 2));
    assert.equal(await storedCompleted(order.uuid), false);
    // The client's deadline starts before the server's, so on a busy machine its reset of the
    // stream can reach the server first: the server then records the call as cancelled.
    const recorded = serverSpan("order.OrderService/CheckStatusOrder").attributes["rpc.grpc.status_code"];
    assert.ok(recorded === Code.DeadlineExceeded || recorded === Code.Canceled, `server recorded ${String(recorded)}`);
  });

  test("the checker alone honours the deadline it is given", async () => {
    const order = await createOpenOrder(daysAgo(2));
    const started = performance.now();
    await rejectsWith(check.checkStatusOrder({ uuid: order.uuid }, { timeoutMs: 30 }), Code.DeadlineExceeded);
    assert.ok(performance.now() - started < 30 + lateMs);
  });

  test("NOT_FOUND and INVALID_ARGUMENT come back through the chain", async () => {
    await rejectsWith(orders.checkStatusOrder({ uuid: crypto.randomUUID() }), Code.NotFound);
    await rejectsWith(orders.checkStatusOrder({ uuid: "nope" }), Code.InvalidArgument);
  });

  test("an unreachable checker is UNAVAILABLE without naming its address, the cause logged", async () => {
    const log = capturedLog();
    // Port 1 is privileged and unused: connections are refused.
    const nowhere = checkServiceTransport("http://127.0.0.1:1");
    const routes = createRoutes(app.store, { checkTransport: nowhere, logger: log.logger });
    const client = createClient(
      OrderService,
      createRouterTransport(routes, {
        router: createRouterOptions({ logger: log.logger }),
        transport: { interceptors: app.interceptors },
      }),
    );
    const order = await createOpenOrder(daysAgo(2));
    const error = await rejectsWith(client.checkStatusOrder({ uuid: order.uuid }), Code.Unavailable);
    assert.doesNotMatch(error.message, /127\.0\.0\.1|ECONNREFUSED/);
    assert.match(log.text(), /ECONNREFUSED/);
    assert.equal(await storedCompleted(order.uuid), false);
  });
});
