// Group commit on its own (with writers the test controls), then through the real routes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Code } from "@connectrpc/connect";
import { groupCommit } from "../server/orders/group-commit";
import { rejectsWith } from "./support/connect-errors";
import { routerClientsOnFreshDatabase } from "./support/router-clients";

/** A writer whose commits finish only when the test says so, recording every call. */
function heldWriter() {
  const calls: string[][] = [];
  const held: (() => void)[] = [];
  const hold = () => new Promise<void>((resolve) => held.push(resolve));
  const write = groupCommit<string, string>({
    maxGroup: 3,
    writeOne: async (name) => {
      calls.push([name]);
      await hold();
      if (name.startsWith("bad")) throw new Error(`rejected ${name}`);
      return `stored ${name}`;
    },
    writeGroup: async (names) => {
      calls.push(names);
      await hold();
      if (names.some((name) => name.startsWith("bad"))) throw new Error("group rejected");
      return names.map((name) => `stored ${name}`);
    },
  });
  // Lets every held commit finish, including those that start as earlier ones finish.
  const releaseAll = async () => {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const release = held.shift();
      if (!release) return;
      release();
    }
  };
  return { write, calls, releaseAll };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test("writes of one turn go together, and those arriving during a commit in the next, each answered with its own result", async () => {
  const { write, calls, releaseAll } = heldWriter();
  const first = ["a", "b"].map((name) => write(name));
  await nextTurn(); // a and b are being committed
  const rest = ["c", "d", "e", "f"].map((name) => write(name));
  await releaseAll();
  assert.deepEqual(
    await Promise.all([...first, ...rest]),
    ["a", "b", "c", "d", "e", "f"].map((name) => `stored ${name}`),
  );
  // Those that waited go in groups of at most maxGroup.
  assert.deepEqual(calls, [["a", "b"], ["c", "d", "e"], ["f"]]);
});

test("a lone write goes alone in the next turn, waiting for no timer", async () => {
  const { write, calls, releaseAll } = heldWriter();
  const lone = write("a");
  await nextTurn();
  assert.deepEqual(calls, [["a"]]);
  await releaseAll();
  assert.equal(await lone, "stored a");
});

test("a write the database rejects fails alone; the rest of its group is stored", async () => {
  const { write, calls, releaseAll } = heldWriter();
  const first = write("a");
  await nextTurn();
  const group = ["b", "bad c", "d"].map((name) => write(name).catch((error: Error) => error.message));
  await releaseAll();
  assert.equal(await first, "stored a");
  assert.deepEqual(await Promise.all(group), ["stored b", "rejected bad c", "stored d"]);
  assert.deepEqual(calls, [["a"], ["b", "bad c", "d"], ["b"], ["bad c"], ["d"]]);
});

test("concurrent CreateOrders each get their own order, and an invalid one fails alone", async () => {
  const { orders } = await routerClientsOnFreshDatabase();
  const names = Array.from({ length: 40 }, (_, i) => `Grouped ${i}`);
  const [created, invalid] = await Promise.all([
    Promise.all(names.map((name, i) => orders.createOrder({ name, completed: i % 2 === 0 }))),
    rejectsWith(orders.createOrder({ name: " " }), Code.InvalidArgument),
  ]);
  assert.ok(invalid);
  assert.deepEqual(
    created.map(({ order }) => [order?.name, order?.completed]),
    names.map((name, i) => [name, i % 2 === 0]),
  );
  assert.equal(new Set(created.map(({ order }) => order?.uuid)).size, names.length);
  for (const { order } of created)
    assert.equal((await orders.readOrder({ uuid: order!.uuid })).order?.name, order!.name);
  assert.equal((await orders.listOrders({ pageSize: 1 })).totalSize, names.length);
});
