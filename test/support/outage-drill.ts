import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as Status } from "../../gen/health/v1/health_pb";
import { OrderService } from "../../gen/order/order_pb";
import type { NextServer } from "./next-server";
import { protocols } from "./protocol-transports";

const deadlineMs = 3_000;
const recoveryLimitMs = 60_000;

/** How a test takes its database away from a running server, and gives it back. */
export type Outage = { database: string; takeAway: () => Promise<void>; bringBack: () => Promise<void> };

async function codeOf(call: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const started = performance.now();
  const code = await call.then(
    () => "OK",
    (error: unknown) => Code[ConnectError.from(error).code],
  );
  return { code, ms: Math.round(performance.now() - started) };
}

/**
 * Takes the database away under `server` and brings it back: calls must fail fast with
 * UNAVAILABLE within their deadline, health must say NOT_SERVING, and service must resume by
 * itself, with the order stored before intact and nothing stored during. Returns the figures.
 */
export async function outageDrill(server: NextServer, { database, takeAway, bringBack }: Outage): Promise<string> {
  const connectJson = protocols[0]!.transport(server);
  const grpc = protocols.find((p) => p.name.startsWith("gRPC ("))!.transport(server);
  const clients = [
    ["Connect JSON", createClient(OrderService, connectJson)],
    ["gRPC", createClient(OrderService, grpc)],
  ] as const;
  const health = createClient(Health, grpc);
  const { order } = await clients[0][1].createOrder({ name: "Before the outage" });
  const uuid = order!.uuid;

  await takeAway();
  const figures: string[] = [];
  for (const [name, orders] of clients) {
    for (const [rpc, call] of [
      ["ReadOrder", () => orders.readOrder({ uuid }, { timeoutMs: deadlineMs })],
      ["CreateOrder", () => orders.createOrder({ name: "During the outage" }, { timeoutMs: deadlineMs })],
    ] as const) {
      const { code, ms } = await codeOf(call());
      figures.push(`${name} ${rpc}: ${code} after ${ms} ms (deadline ${deadlineMs} ms)`);
      assert.equal(code, "Unavailable", `${name} ${rpc} during the outage`);
    }
  }
  assert.equal((await health.check({ service: "" })).status, Status.NOT_SERVING, "health during the outage");

  const returned = performance.now();
  await bringBack();
  const backAfterMs = Math.round(performance.now() - returned);
  let attempts = 0;
  for (;;) {
    attempts += 1;
    const { code } = await codeOf(clients[1][1].readOrder({ uuid }, { timeoutMs: deadlineMs }));
    if (code === "OK") break;
    assert.equal(code, "Unavailable", "while recovering");
    if (performance.now() - returned > recoveryLimitMs) assert.fail(`no recovery within ${recoveryLimitMs} ms`);
    await sleep(100);
  }
  const recoveredMs = Math.round(performance.now() - returned);
  assert.equal((await health.check({ service: "" })).status, Status.SERVING, "health after the outage");
  for (const [, orders] of clients) assert.equal((await orders.readOrder({ uuid })).order?.name, "Before the outage");
  assert.equal((await clients[0][1].listOrders({})).totalSize, 1, "a create during the outage was stored");
  return [
    `${database} outage:`,
    ...figures.map((line) => `  ${line}`),
    `  health during the outage: NOT_SERVING`,
    `  bringing it back took ${backAfterMs} ms; first OK ${recoveredMs} ms after it began (${attempts} attempts)`,
  ].join("\n");
}
