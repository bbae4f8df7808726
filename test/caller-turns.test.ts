// Turns per caller: past its running calls a caller's next ones wait (within their deadline),
// past its waiting ones they get RESOURCE_EXHAUSTED at once, and another caller is not queued
// behind it. Health.Check stands in for any unary call, held open by the test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { Health } from "../gen/health/v1/health_pb";
import { createHealthService } from "../server/health/health-service";
import { callerKey } from "../server/observability/request-context";
import { takeTurnsPerCaller } from "../server/rpc/caller-turns";

function harness() {
  const gates: (() => void)[] = [];
  const asCaller: Interceptor = (next) => (request) => {
    const subject = request.header.get("x-test-caller") ?? "service:storm";
    request.contextValues.set(callerKey, {
      via: "session",
      subject,
      accountId: subject,
      username: subject,
      role: "viewer",
    });
    return next(request);
  };
  // The calls' work: each running call waits here until the test opens its gate.
  const work: Interceptor = (next) => async (request) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return next(request);
  };
  const transport = createRouterTransport(
    (router) => router.service(Health, createHealthService({ ping: async () => {}, serviceNames: () => [] })),
    { router: { interceptors: [asCaller, takeTurnsPerCaller({ running: 2, waiting: 1 }, new Map()), work] } },
  );
  const health = createClient(Health, transport);
  const openAll = () => gates.splice(0).forEach((open) => open());
  return { health, gates, openAll };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function codeOf(call: Promise<unknown>): Promise<Code | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

test("a caller runs 2, queues 1 and is refused the 4th with RESOURCE_EXHAUSTED; another caller runs meanwhile", async () => {
  const { health, gates, openAll } = harness();
  const running = [health.check({}), health.check({})];
  const waiting = health.check({});
  await tick();
  assert.equal(gates.length, 2, "two run, one waits");
  assert.equal(await codeOf(health.check({})), Code.ResourceExhausted);
  const other = health.check({}, { headers: { "x-test-caller": "service:probe" } });
  await tick();
  assert.equal(gates.length, 3, "another caller's call runs at once");
  openAll();
  await Promise.all([...running, other]);
  await tick();
  openAll();
  await waiting;
});

test("a waiting call whose deadline passes leaves with DEADLINE_EXCEEDED", async () => {
  const { health, openAll } = harness();
  const running = [health.check({}), health.check({})];
  await tick();
  assert.equal(await codeOf(health.check({}, { timeoutMs: 50 })), Code.DeadlineExceeded);
  openAll();
  await Promise.all(running);
});
