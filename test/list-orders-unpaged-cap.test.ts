import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { ErrorInfoSchema } from "../gen/google/rpc/error_details_pb";
import { maxUnpagedOrders } from "../server/orders/order-paging";
import { rejectsWith } from "./support/connect-errors";
import { routerClientsOnFreshDatabase } from "./support/router-clients";
import { testActor } from "./support/credentials";

const { orders, store } = await routerClientsOnFreshDatabase();

before(async () => {
  const date = new Date("2024-01-01T00:00:00Z");
  for (let i = 0; i <= maxUnpagedOrders; i += 100) {
    const batch = Array.from({ length: Math.min(100, maxUnpagedOrders + 1 - i) }, (_, j) => i + j);
    await Promise.all(
      batch.map((n) =>
        store.orders.create({ uuid: randomUUID(), name: `Order ${n}`, completed: false, date }, testActor),
      ),
    );
  }
});

test("past the cap an unpaged request fails with FAILED_PRECONDITION, never a partial list", async () => {
  const error = await rejectsWith(orders.listOrders({}), Code.FailedPrecondition);
  assert.match(error.rawMessage, /send page_size/);
  const [info] = error.findDetails(ErrorInfoSchema);
  assert.equal(info?.reason, "PAGE_SIZE_REQUIRED");
  const page = await orders.listOrders({ pageSize: 500 });
  assert.equal(page.orders.length, 500);
  assert.equal(page.totalSize, maxUnpagedOrders + 1);
});
