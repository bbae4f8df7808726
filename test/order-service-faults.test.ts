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
import { createStore } from "../server/db/store";
import { routerClients } from "./support/router-clients";
import { createSqliteDatabase } from "./support/sqlite-database";

const genericMessage = "The order store is unavailable; try again shortly.";
// What must never reach a caller: SQL, driver and ORM names, file paths, stack frames.
const leaks = /select|insert|sqlite|prisma|no such table|not a database|orders\.db|\/tmp|\/work|\n\s+at /i;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "orders-fault-"));
});
after(() => rm(dir, { recursive: true, force: true }));

type Clients = ReturnType<typeof routerClients>;

async function expectUnavailable(
  t: TestContext,
  file: string,
  calls: Partial<Record<keyof typeof everyRpc, (clients: Clients) => Promise<unknown>>>,
): Promise<void> {
  const store = createStore({ provider: "sqlite", file });
  const clients = routerClients(store);
  t.after(() => store.close());
  for (const [name, call] of Object.entries(calls)) {
    // The cause belongs in the server log; capture it there instead of printing it.
    const log = t.mock.method(console, "error", () => {});
    const error = await rejectsWith(call(clients), Code.Unavailable);
    log.mock.restore();
    assert.equal(error.rawMessage, genericMessage, name);
    assert.doesNotMatch(error.message, leaks, name);
    const details = error.findDetails(ErrorInfoSchema);
    assert.deepEqual(details.map((info) => [info.reason, info.metadata]), [["STORE_UNAVAILABLE", {}]], name);
    assert.equal(error.details.length, 1, `${name} sent other details`);
    const logged = log.mock.calls.map((c) => c.arguments.map(String).join(" ")).join("\n");
    assert.match(logged, /order store unavailable/, `${name} did not log the cause`);
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
  // A directory, not a file; a failed connect is retried on the next call, so both fail alike.
  await expectUnavailable(t, dir, { readOrder: everyRpc.readOrder, createOrder: everyRpc.createOrder });
});

test("a corrupt database file answers UNAVAILABLE with a generic message", async (t) => {
  const file = join(dir, "corrupt.db");
  await writeFile(file, Buffer.alloc(8192, "not a database "));
  await expectUnavailable(t, file, { listOrders: everyRpc.listOrders });
});

test("a database without the orders table answers UNAVAILABLE on every RPC", async (t) => {
  await expectUnavailable(t, join(dir, "unmigrated.db"), everyRpc);
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
  await rejectsWith(routerClients({ ...store, orders: untouchable }).orders.createOrder({ name: "" }), Code.InvalidArgument);
});
