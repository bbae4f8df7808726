// Its own file, so its own process: getDb() keeps one client per process, and these tests
// point DATABASE_URL at databases that cannot serve orders.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { TestContext } from "node:test";
import { Code } from "@connectrpc/connect";
import { rejectsWith } from "./support/connect-errors";
import { routerClients } from "./support/router-clients";

const { orders, check } = routerClients();
const genericMessage = "The order store is unavailable; try again shortly.";
// What must never reach a caller: SQL, driver and ORM names, file paths, stack frames.
const leaks = /select|insert|sqlite|prisma|no such table|not a database|orders\.db|\/tmp|\/work|\n\s+at /i;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "orders-fault-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function expectUnavailable(t: TestContext, calls: Record<string, () => Promise<unknown>>): Promise<void> {
  for (const [name, call] of Object.entries(calls)) {
    // The cause belongs in the server log; capture it there instead of printing it.
    const log = t.mock.method(console, "error", () => {});
    const error = await rejectsWith(call(), Code.Unavailable);
    log.mock.restore();
    assert.equal(error.rawMessage, genericMessage, name);
    assert.doesNotMatch(error.message, leaks, name);
    assert.deepEqual(error.details, [], `${name} sent error details`);
    const logged = log.mock.calls.map((c) => c.arguments.map(String).join(" ")).join("\n");
    assert.match(logged, /order store unavailable/, `${name} did not log the cause`);
  }
}

const everyRpc = {
  createOrder: () => orders.createOrder({ name: "Widget" }),
  readOrder: () => orders.readOrder({ uuid: randomUUID() }),
  updateOrder: () => orders.updateOrder({ uuid: randomUUID(), name: "Widget" }),
  deleteOrder: () => orders.deleteOrder({ uuid: randomUUID() }),
  listOrders: () => orders.listOrders({}),
  checkStatusOrder: () => check.checkStatusOrder({ uuid: randomUUID() }),
};

// Order matters: a failed connect is retried on the next call, a successful one is kept.
test("a database file that cannot be opened answers UNAVAILABLE with a generic message", async (t) => {
  process.env.DATABASE_URL = `file:${dir}`; // a directory, not a file
  await expectUnavailable(t, { readOrder: everyRpc.readOrder, createOrder: everyRpc.createOrder });
});

test("a corrupt database file answers UNAVAILABLE with a generic message", async (t) => {
  const file = join(dir, "corrupt.db");
  await writeFile(file, Buffer.alloc(8192, "not a database "));
  process.env.DATABASE_URL = `file:${file}`;
  await expectUnavailable(t, { listOrders: everyRpc.listOrders });
});

test("a database without the orders table answers UNAVAILABLE on every RPC", async (t) => {
  process.env.DATABASE_URL = `file:${join(dir, "unmigrated.db")}`;
  await expectUnavailable(t, everyRpc);
});

test("validation still answers INVALID_ARGUMENT before the store is touched", async () => {
  await rejectsWith(orders.createOrder({ name: "" }), Code.InvalidArgument);
});
