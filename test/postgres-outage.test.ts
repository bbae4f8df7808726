// The database goes away under a running server and comes back: calls fail fast with
// UNAVAILABLE within their deadline, and service resumes by itself. A PostgreSQL cluster of
// this test's own is stopped and started; the shared server is never touched. Times are printed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { applyMigrations } from "../scripts/db/migrations";
import { config } from "../server/config.js";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createPostgresCluster, postgresClusterUnavailable } from "./support/postgres-cluster";
import type { PostgresCluster } from "./support/postgres-cluster";
import { protocols } from "./support/protocol-transports";

const unavailable = await postgresClusterUnavailable();
const skip = unavailable && !config.requirePostgres ? unavailable : undefined;
const deadlineMs = 3_000;
const recoveryLimitMs = 60_000;

let cluster: PostgresCluster | undefined;
let server: NextServer | undefined;
before(async () => {
  if (skip) return;
  cluster = await createPostgresCluster();
  await applyMigrations({ provider: "postgresql", url: cluster.url });
  server = await startNextServer({ databaseUrl: cluster.url });
});
after(async () => {
  await server?.stop();
  await cluster?.remove();
});

async function codeOf(call: Promise<unknown>): Promise<{ code: string; ms: number }> {
  const started = performance.now();
  const code = await call.then(
    () => "OK",
    (error: unknown) => Code[ConnectError.from(error).code],
  );
  return { code, ms: Math.round(performance.now() - started) };
}

test(
  "with PostgreSQL stopped calls fail fast with UNAVAILABLE, and service resumes when it returns",
  { skip },
  async () => {
    const clients: [string, Client<typeof OrderService>][] = [
      ["Connect JSON", createClient(OrderService, protocols[0]!.transport(server!))],
      ["gRPC", createClient(OrderService, protocols.find((p) => p.name.startsWith("gRPC ("))!.transport(server!))],
    ];
    const { order } = await clients[0]![1].createOrder({ name: "Before the outage" });

    await cluster!.stop();
    const figures: string[] = [];
    for (const [name, orders] of clients) {
      for (const [rpc, call] of [
        ["ReadOrder", () => orders.readOrder({ uuid: order!.uuid }, { timeoutMs: deadlineMs })],
        ["CreateOrder", () => orders.createOrder({ name: "During the outage" }, { timeoutMs: deadlineMs })],
      ] as const) {
        const { code, ms } = await codeOf(call());
        figures.push(`${name} ${rpc}: ${code} after ${ms} ms (deadline ${deadlineMs} ms)`);
        assert.equal(code, "Unavailable", `${name} ${rpc} during the outage`);
      }
    }

    const restarted = performance.now();
    await cluster!.start();
    const backAfterMs = Math.round(performance.now() - restarted);
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const { code } = await codeOf(clients[1]![1].readOrder({ uuid: order!.uuid }, { timeoutMs: deadlineMs }));
      if (code === "OK") break;
      assert.equal(code, "Unavailable", "while recovering");
      if (performance.now() - restarted > recoveryLimitMs) assert.fail(`no recovery within ${recoveryLimitMs} ms`);
      await sleep(100);
    }
    const recoveredMs = Math.round(performance.now() - restarted);
    console.log(
      `PostgreSQL outage:\n  ${figures.join("\n  ")}\n  pg_ctl start took ${backAfterMs} ms; first OK ${recoveredMs} ms after it began (${attempts} attempts)`,
    );
    for (const [, orders] of clients)
      assert.equal((await orders.readOrder({ uuid: order!.uuid })).order?.name, "Before the outage");
    assert.equal((await clients[0]![1].listOrders({})).totalSize, 1, "a create during the outage was stored");
  },
);
