// ExportOrders holds at most a page of rows per export and runs at most `concurrent` exports per
// process: one more is RESOURCE_EXHAUSTED, and an export that ends (read to its end or abandoned)
// gives its place back.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createHandlerContext } from "@connectrpc/connect";
import { ExportOrdersRequestSchema, OrderBulkService } from "../gen/order/order_bulk_pb";
import type { ExportOrdersRequest } from "../gen/order/order_bulk_pb";
import { OrderBy } from "../gen/order/order_pb";
import { createExportOrders } from "../server/orders/order-export";
import { routerClientsOnFreshDatabase } from "./support/router-clients";
import { testActor } from "./support/credentials";

const { store } = await routerClientsOnFreshDatabase();

const context = () =>
  createHandlerContext({
    service: OrderBulkService,
    method: OrderBulkService.method.exportOrders,
    protocolName: "connect",
    requestMethod: "POST",
    url: "http://localhost/order.OrderBulkService/ExportOrders",
  });

/** The name column of every row an export writes, in order. */
async function exportedNames(
  exportOrders: ReturnType<typeof createExportOrders>,
  request: ExportOrdersRequest,
): Promise<string[]> {
  let csv = "";
  for await (const chunk of exportOrders(request, context())) csv += new TextDecoder().decode(chunk.data);
  return csv
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(",")[1]!);
}

test("a fifth export at once is RESOURCE_EXHAUSTED; an abandoned one gives its place back", async () => {
  for (let index = 0; index < 5; index++) {
    await store.orders.create(
      { uuid: randomUUID(), name: `held-${index}`, completed: false, date: new Date() },
      testActor,
    );
  }
  const exportOrders = createExportOrders(store.orders, { pageRows: 1, concurrent: 4 });
  const request = create(ExportOrdersRequestSchema);
  // Four exports that have sent their header and a row, and whose callers read no further.
  const held = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const stream = exportOrders(request, context());
      await stream.next();
      await stream.next();
      return stream;
    }),
  );
  const fifth = exportOrders(request, context());
  await assert.rejects(fifth.next(), (error) => ConnectError.from(error).code === Code.ResourceExhausted);
  await held[0]!.return(undefined);
  const lines: string[] = [];
  for await (const chunk of exportOrders(request, context())) lines.push(new TextDecoder().decode(chunk.data));
  // The header, then one chunk per page of one row.
  assert.equal(lines.length, 1 + 5);
  for (const stream of held.slice(1)) await stream.return(undefined);
});

test("an export sorted by name pages on the natural sort key, so no row is skipped or repeated", async () => {
  // Case and accents make the key's order differ from the names' code-point order.
  const names = ["banana-x", "Apple-x", "éclair-x", "Cherry-x", "apricot-x"];
  for (const name of names) {
    await store.orders.create({ uuid: randomUUID(), name, completed: false, date: new Date() }, testActor);
  }
  const exportOrders = createExportOrders(store.orders, { pageRows: 2, concurrent: 4 });
  const request = create(ExportOrdersRequestSchema, { nameContains: "-x", orderBy: OrderBy.NAME_ASC });
  const exported = await exportedNames(exportOrders, request);
  assert.deepEqual(exported, ["Apple-x", "apricot-x", "banana-x", "Cherry-x", "éclair-x"]);
});

test("an export holds the list's date range: date_from inclusive, date_to exclusive", async () => {
  const dates = ["2026-03-06T23:59:59Z", "2026-03-07T00:00:00Z", "2026-03-07T12:00:00Z", "2026-03-08T00:00:00Z"];
  for (const date of dates) {
    await store.orders.create(
      { uuid: randomUUID(), name: `range-${date}`, completed: false, date: new Date(date) },
      testActor,
    );
  }
  const exportOrders = createExportOrders(store.orders, { pageRows: 1, concurrent: 4 });
  const request = create(ExportOrdersRequestSchema, {
    nameContains: "range-",
    orderBy: OrderBy.DATE_ASC,
    dateFrom: timestampFromDate(new Date("2026-03-07T00:00:00Z")),
    dateTo: timestampFromDate(new Date("2026-03-08T00:00:00Z")),
  });
  const exported = await exportedNames(exportOrders, request);
  assert.deepEqual(exported, ["range-2026-03-07T00:00:00Z", "range-2026-03-07T12:00:00Z"]);
});
