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

test("writes arriving during a commit go together in the next one, each answered with its own result", async () => {
  const { write, calls, releaseAll } = heldWriter();
  const first = write("a");
  const rest = ["b", "c", "d", "e"].map((name) => write(name));
  await releaseAll();
  assert.deepEqual(await Promise.all([first, ...rest]), ["stored a", "stored b", "stored c", "stored d", "stored e"]);
  // The first goes alone at once; the four that waited go in groups of at most maxGroup.
  assert.deepEqual(calls, [["a"], ["b", "c", "d"], ["e"]]);
});

test("a write the database rejects fails alone; the rest of its group is stored", async () => {
  const { write, calls, releaseAll } = heldWriter();
  const first = write("a");
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
