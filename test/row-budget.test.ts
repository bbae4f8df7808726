import assert from "node:assert/strict";
import { test } from "node:test";
import { Code, createContextValues, createHandlerContext } from "@connectrpc/connect";
import { callerKey } from "../server/observability/request-context";
import { OrderService } from "../gen/order/order_pb";
import { createRowBudget } from "../server/orders/row-budget";
import { rejectsWith } from "./support/connect-errors";

/** A ListOrders call's context; abort() ends the call, as sending its answer does. */
function call(timeoutMs?: number, subject?: string) {
  const values = createContextValues();
  if (subject !== undefined)
    values.set(callerKey, { via: "session", subject, accountId: subject, username: subject, role: "viewer" });
  return createHandlerContext({
    contextValues: values,
    service: OrderService,
    method: OrderService.method.listOrders,
    protocolName: "connect",
    requestMethod: "POST",
    url: "http://localhost/api/order.OrderService/ListOrders",
    timeoutMs,
  });
}

const hourMs = 3_600_000;

/** Which of the given holds have been admitted so far (after pending callbacks ran). */
async function admitted(holds: Promise<void>[]): Promise<boolean[]> {
  const states = holds.map(() => false);
  holds.forEach((hold, i) => void hold.then(() => (states[i] = true)).catch(() => undefined));
  await new Promise((resolve) => setImmediate(resolve));
  return states;
}

test("listings that do not fit wait for earlier calls to end, in arrival order", async () => {
  const budget = createRowBudget(10, hourMs);
  const [a, b, c, d] = [call(), call(), call(), call()];
  await budget.hold(6, a);
  const holds = [budget.hold(6, b), budget.hold(1, c)];
  // c would fit beside a, but must not overtake b, which came first.
  assert.deepEqual(await admitted(holds), [false, false]);
  a.abort();
  assert.deepEqual(await admitted(holds), [true, true]);
  // b and c hold 7 of 10: a listing of 4 waits, one of 3 behind it too.
  const later = [budget.hold(4, d), budget.hold(3, call())];
  assert.deepEqual(await admitted(later), [false, false]);
  b.abort();
  assert.deepEqual(await admitted(later), [true, true]);
});

test("a listing larger than the budget runs once nothing else is held", async () => {
  const budget = createRowBudget(10, hourMs);
  const small = call();
  await budget.hold(2, small);
  const large = [budget.hold(50, call())];
  assert.deepEqual(await admitted(large), [false]);
  small.abort();
  assert.deepEqual(await admitted(large), [true]);
});

test("a call whose deadline passes while it waits fails with DEADLINE_EXCEEDED; those behind it move up", async () => {
  const budget = createRowBudget(10, hourMs);
  await budget.hold(8, call());
  const late = budget.hold(5, call(1));
  const behind = [budget.hold(2, call())];
  await rejectsWith(late, Code.DeadlineExceeded);
  assert.deepEqual(await admitted(behind), [true]);
});

test("a caller that leaves while waiting gets its own error back, and takes no rows", async () => {
  const budget = createRowBudget(10, hourMs);
  const holder = call();
  await budget.hold(10, holder);
  const leaving = call();
  const waiting = budget.hold(10, leaving);
  leaving.abort();
  await rejectsWith(waiting, Code.Canceled);
  await rejectsWith(budget.hold(1, leaving), Code.Canceled);
  holder.abort();
  await budget.hold(10, call());
});

test("a call that never ends gives its rows back after the hold time", async () => {
  const budget = createRowBudget(10, 20);
  // The hold timer does not keep a process alive by itself; the test waits for it.
  const alive = setInterval(() => undefined, 1_000);
  try {
    await budget.hold(10, call());
    await budget.hold(10, call());
  } finally {
    clearInterval(alive);
  }
});

test("one caller holds at most half the budget; another's listing goes ahead of its waiting ones", async () => {
  const budget = createRowBudget(10, hourMs);
  const storm = [call(undefined, "account:storm"), call(undefined, "account:storm"), call(undefined, "account:storm")];
  await budget.hold(5, storm[0]!);
  // The storm's second listing would fit the budget, not the storm's half of it.
  const waiting = [budget.hold(3, storm[1]!), budget.hold(1, storm[2]!)];
  assert.deepEqual(await admitted(waiting), [false, false]);
  // Someone else's page fits beside the storm's half and does not wait behind its queue.
  await budget.hold(3, call(undefined, "account:probe"));
  storm[0]!.abort();
  assert.deepEqual(await admitted(waiting), [true, true]);
});

test("a caller holding nothing may take more than its share when the budget has room", async () => {
  const budget = createRowBudget(10, hourMs);
  await budget.hold(8, call(undefined, "account:big"));
});
