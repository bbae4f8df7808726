// SIGKILL in the middle of a write load, on each database: every create the server
// acknowledged must be there after a restart, exactly once. The figures are printed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import Database from "better-sqlite3";
import pg from "pg";
import { OrderService } from "../gen/order/order_pb";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { protocols } from "./support/protocol-transports";
import { createSqliteDatabase } from "./support/sqlite-database";

const postgresSkip = await postgresSkipReason();
const callers = 16;
const acknowledgedBeforeKill = 300;

type Stored = { uuid: string; name: string }[];

/** Creates from many callers until the server dies; returns what it acknowledged. */
async function loadUntilKilled(server: NextServer): Promise<Map<string, string>> {
  const acknowledged = new Map<string, string>();
  let killed = false;
  const grpc = protocols.find((p) => p.name.startsWith("gRPC ("))!;
  const connectJson = protocols[0]!;
  const caller = async (index: number) => {
    // Half the callers on the gRPC port, half on the Next port: both write through one store.
    const orders = createClient(OrderService, (index % 2 ? grpc : connectJson).transport(server));
    for (let sequence = 0; !killed; sequence += 1) {
      const name = `Caller ${index} order ${sequence}`;
      try {
        const { order } = await orders.createOrder({ name }, { timeoutMs: 10_000 });
        acknowledged.set(order!.uuid, name);
      } catch {
        return; // the server is gone; anything unacknowledged may or may not be stored
      }
      if (acknowledged.size >= acknowledgedBeforeKill && !killed) {
        killed = true;
        process.kill(-server.process.pid!, "SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, (_, index) => caller(index)));
  await server.exited();
  return acknowledged;
}

function check(provider: string, acknowledged: Map<string, string>, stored: Stored): void {
  const byUuid = new Map(stored.map((row) => [row.uuid, row.name]));
  const lost = [...acknowledged].filter(([uuid, name]) => byUuid.get(uuid) !== name);
  const names = stored.map((row) => row.name);
  const duplicates = names.length - new Set(names).size;
  console.log(
    `${provider}: ${acknowledged.size} creates acknowledged before SIGKILL, ${stored.length} stored after restart, ` +
      `${lost.length} acknowledged lost, ${duplicates} stored twice, ${stored.length - acknowledged.size + lost.length} stored but never acknowledged`,
  );
  assert.deepEqual(lost, [], "acknowledged orders lost");
  assert.equal(duplicates, 0, "an order stored twice");
}

async function crashAndRestart(databaseUrl: string, read: () => Promise<Stored>, provider: string): Promise<void> {
  const server = await startNextServer({ databaseUrl });
  const acknowledged = await loadUntilKilled(server);
  const restarted = await startNextServer({ databaseUrl });
  try {
    const orders = createClient(OrderService, protocols[0]!.transport(restarted));
    const stored = await read();
    assert.equal(
      (await orders.listOrders({ pageSize: 1 })).totalSize,
      stored.length,
      "the restarted server sees another count",
    );
    check(provider, acknowledged, stored);
  } finally {
    await restarted.stop();
  }
}

describe("SIGKILL under a write load", () => {
  test("SQLite keeps every acknowledged create, exactly once", async () => {
    const database = await createSqliteDatabase();
    try {
      await crashAndRestart(
        database.url,
        () => {
          const file = new Database(database.file, { readonly: true });
          try {
            return Promise.resolve(
              file.prepare<[], { uuid: string; name: string }>("SELECT uuid, name FROM orders").all(),
            );
          } finally {
            file.close();
          }
        },
        "SQLite",
      );
    } finally {
      await database.remove();
    }
  });

  test("PostgreSQL keeps every acknowledged create, exactly once", { skip: postgresSkip }, async () => {
    const database = await createPostgresDatabase();
    try {
      await crashAndRestart(
        database.url,
        async () => {
          const client = new pg.Client({ connectionString: database.url });
          await client.connect();
          try {
            return (await client.query<{ uuid: string; name: string }>("SELECT uuid, name FROM orders")).rows;
          } finally {
            await client.end();
          }
        },
        "PostgreSQL",
      );
    } finally {
      await database.drop();
    }
  });
});
