// Stores on databases that cannot serve orders, each built in this process beside the others.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { TestContext } from "node:test";
import { Code } from "@connectrpc/connect";
import { rejectsWith } from "./support/connect-errors";
import { ErrorInfoSchema } from "../gen/google/rpc/error_details_pb";
import Database from "better-sqlite3";
import { applyMigrations } from "../scripts/db/migrations";
import { createStore } from "../server/db/store";
import { capturedLog } from "./support/captured-log";
import { routerClients } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";

const unavailableMessage = "The order store is unavailable; try again shortly.";
// What must never reach a caller: SQL, driver and ORM names, file paths, stack frames.
const leaks = /select|insert|sqlite|prisma|no such table|not a database|orders\.db|\/tmp|\/work|\n\s+at /i;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "orders-fault-"));
});
after(() => rm(dir, { recursive: true, force: true }));

type Clients = ReturnType<typeof routerClients>;

/**
 * Each call fails with `code` and a generic message, sends nothing that names the database,
 * and logs the cause on the server.
 */
async function expectFault(
  t: TestContext,
  file: string,
  code: Code,
  calls: Partial<Record<keyof typeof everyRpc, (clients: Clients) => Promise<unknown>>>,
  /** Breaks the database once the clients have made a first call (and hold a recorded token). */
  breakAfterFirstCall?: () => void,
): Promise<void> {
  const store = createStore({ provider: "sqlite", file });
  // The cause belongs in the server log; capture it there instead of printing it.
  const log = capturedLog();
  const clients = routerClients(store, { logger: log.logger });
  t.after(() => store.close());
  if (breakAfterFirstCall) {
    await clients.orders.listOrders({ pageSize: 1 });
    breakAfterFirstCall();
  }
  for (const [name, call] of Object.entries(calls)) {
    const error = await rejectsWith(call(clients), code);
    assert.doesNotMatch(error.message, leaks, name);
    const logged = log.text();
    if (code === Code.Unavailable) {
      assert.equal(error.rawMessage, unavailableMessage, name);
      const details = error.findDetails(ErrorInfoSchema);
      assert.deepEqual(
        details.map((info) => [info.reason, info.metadata]),
        [["STORE_UNAVAILABLE", {}]],
        name,
      );
      assert.equal(error.details.length, 1, `${name} sent other details`);
      assert.match(logged, /order store unavailable/, `${name} did not log the cause`);
    } else {
      assert.equal(error.rawMessage, "Internal error.", name);
      assert.equal(error.details.length, 0, `${name} sent details`);
      assert.match(logged, /unexpected error/, `${name} did not log the cause`);
    }
  }
}

const everyRpc = {
  createOrder: ({ orders }: Clients) => orders.createOrder({ name: "Widget" }),
  readOrder: ({ orders }: Clients) => orders.readOrder({ uuid: randomUUID() }),
  updateOrder: ({ orders }: Clients) => orders.updateOrder({ uuid: randomUUID(), name: "Widget" }),
  deleteOrder: ({ orders }: Clients) => orders.deleteOrder({ uuid: randomUUID() }),
  listOrders: ({ orders }: Clients) => orders.listOrders({}),
  checkStatusOrder: ({ check }: Clients) => check.checkStatusOrder({ uuid: randomUUID() }),
};

test("a database file that cannot be opened answers UNAVAILABLE with a generic message", async (t) => {
  // A directory, not a file: a connection fault, retried on the next call, so both fail alike.
  await expectFault(t, dir, Code.Unavailable, { readOrder: everyRpc.readOrder, createOrder: everyRpc.createOrder });
});

test("a database file held by another writer answers UNAVAILABLE: retrying later helps", async (t) => {
  const file = join(dir, "locked.db");
  await applyMigrations({ provider: "sqlite", file });
  const holder = new Database(file);
  holder.pragma("busy_timeout = 0");
  t.after(() => holder.close());
  // SQLite's busy timeout (5 s) passes first: this is the slowest test in the file.
  await expectFault(t, file, Code.Unavailable, { createOrder: everyRpc.createOrder }, () =>
    holder.prepare("BEGIN EXCLUSIVE").run(),
  );
});

// No retry cures these, so they are INTERNAL and not UNAVAILABLE (which tells clients to retry).
// A missing table is a deployment that skipped `npm run db:migrate`: the server's fault, so not
// FAILED_PRECONDITION either, which maps to HTTP 400 and would blame the caller.
test("a corrupt database file answers INTERNAL with a generic message", async (t) => {
  const file = join(dir, "corrupt.db");
  await writeFile(file, Buffer.alloc(8192, "not a database "));
  await expectFault(t, file, Code.Internal, { listOrders: everyRpc.listOrders });
});

test("a database without the orders table answers INTERNAL on every RPC", async (t) => {
  // An empty file is an empty database; a missing file is an outage (UNAVAILABLE, see sqlite-outage).
  const file = join(dir, "unmigrated.db");
  await writeFile(file, "");
  await expectFault(t, file, Code.Internal, everyRpc);
});

test("validation still answers INVALID_ARGUMENT before the orders are touched", async (t) => {
  // Credentials are checked first (on the same database), so that one must work.
  const database = await createSqliteDatabase();
  const store = createStore({ provider: "sqlite", file: database.file });
  t.after(async () => {
    await store.close();
    await database.remove();
  });
  const untouchable = new Proxy(store.orders, {
    get: () => () => Promise.reject(new Error("the orders were touched")),
  });
  await rejectsWith(
    routerClients({ ...store, orders: untouchable }).orders.createOrder({ name: "" }),
    Code.InvalidArgument,
  );
});
