import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { OrderBy } from "../gen/order/order_pb";
import type { ListOrdersRequest, Order } from "../gen/order/order_pb";
import { nameSortKey } from "../lib/name-fold";
import { rejectsFields } from "./support/connect-errors";
import { routerClientsOnFreshDatabase } from "./support/router-clients";

type ListInput = Partial<Omit<ListOrdersRequest, "$typeName">>;

const { orders } = await routerClientsOnFreshDatabase();
const specialNames = ["100% Juice", "snake_case item", "Big WIDGET", "widget small", "Äpfel", "back\\slash"];
// More than the 500 maximum page size, so clamping is visible. Dates and names repeat,
// so pagination has to break ties in the sort key to avoid duplicates and gaps.
const generatedCount = 520;
const all: Order[] = [];

before(async () => {
  const base = Date.parse("2024-01-01T00:00:00Z");
  for (let i = 0; i < generatedCount + specialNames.length; i++) {
    const { order } = await orders.createOrder({
      name: specialNames[i - generatedCount] ?? `Tie ${i % 7}`,
      completed: i % 4 === 0,
      date: new Date(base + Math.floor(i / 3) * 60_000).toISOString(),
    });
    all.push(order!);
  }
});

const sortKeys: Record<OrderBy, [(order: Order) => string | number, boolean]> = {
  [OrderBy.UNSPECIFIED]: [(o) => Date.parse(o.date), true],
  [OrderBy.DATE_DESC]: [(o) => Date.parse(o.date), true],
  [OrderBy.DATE_ASC]: [(o) => Date.parse(o.date), false],
  [OrderBy.NAME_ASC]: [(o) => nameSortKey(o.name), false],
  [OrderBy.NAME_DESC]: [(o) => nameSortKey(o.name), true],
  [OrderBy.CREATE_TIME_DESC]: [(o) => timestampMs(o.createTime!), true],
  [OrderBy.CREATE_TIME_ASC]: [(o) => timestampMs(o.createTime!), false],
};

/** The uuids in the order the service promises: sort key, then uuid, both one way. */
function expectedUuids(rows: Order[], orderBy: OrderBy): string[] {
  const [key, descending] = sortKeys[orderBy];
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = rows.toSorted((a, b) => compare(key(a), key(b)) || compare(a.uuid, b.uuid));
  return (descending ? sorted.reverse() : sorted).map((o) => o.uuid);
}

const uuids = (page: Order[]) => page.map((o) => o.uuid);

/**
 * Follows next_page_token to the end, then previous_page_token back to the start, and
 * checks both walks see the same pages and the same total on every page.
 */
async function walk(request: ListInput): Promise<string[]> {
  const forward: string[][] = [];
  let response = await orders.listOrders(request);
  assert.equal(response.previousPageToken, "", "the first page has no previous page");
  const total = response.totalSize;
  forward.push(uuids(response.orders));
  while (response.nextPageToken) {
    assert.ok(forward.length < 100, "pagination does not end");
    response = await orders.listOrders({ ...request, pageToken: response.nextPageToken });
    assert.equal(response.totalSize, total);
    assert.notEqual(response.previousPageToken, "", "a later page has a previous page");
    forward.push(uuids(response.orders));
  }
  const backward: string[][] = [];
  let previous = response.previousPageToken;
  while (previous) {
    assert.ok(backward.length < 100, "backward pagination does not end");
    const page = await orders.listOrders({ ...request, pageToken: previous });
    backward.unshift(uuids(page.orders));
    previous = page.previousPageToken;
  }
  assert.deepEqual(backward, forward.slice(0, -1), "walking back does not retrace the pages");
  const seen = forward.flat();
  assert.equal(seen.length, total, "the pages do not add up to total_size");
  return seen;
}

describe("ListOrders", () => {
  test("an empty request (the original's clients) answers every order, newest first, unpaged", async () => {
    const response = await orders.listOrders({});
    assert.deepEqual(uuids(response.orders), expectedUuids(all, OrderBy.DATE_DESC));
    assert.deepEqual([response.nextPageToken, response.previousPageToken], ["", ""]);
    assert.equal(response.totalSize, all.length);
    const open = await orders.listOrders({ completed: false });
    assert.deepEqual(
      uuids(open.orders),
      expectedUuids(
        all.filter((o) => !o.completed),
        OrderBy.DATE_DESC,
      ),
    );
  });

  test("page_size 0 with a page token means 50, above 500 means 500, negative is refused", async () => {
    const { nextPageToken } = await orders.listOrders({ pageSize: 10 });
    assert.equal((await orders.listOrders({ pageSize: 0, pageToken: nextPageToken })).orders.length, 50);
    assert.equal((await orders.listOrders({ pageSize: 7 })).orders.length, 7);
    const clamped = await orders.listOrders({ pageSize: 100_000 });
    assert.equal(clamped.orders.length, 500);
    assert.notEqual(clamped.nextPageToken, "");
    await rejectsFields(orders.listOrders({ pageSize: -1 }), ["page_size"]);
  });

  for (const orderBy of Object.values(OrderBy).filter((v) => typeof v === "number")) {
    test(`walks every page forward and back without duplicates or gaps, order_by ${OrderBy[orderBy]}`, async () => {
      assert.deepEqual(await walk({ orderBy, pageSize: 120 }), expectedUuids(all, orderBy));
    });
  }

  test("a page size that divides nothing evenly still covers every order once", async () => {
    assert.deepEqual(await walk({ pageSize: 37, orderBy: OrderBy.NAME_ASC }), expectedUuids(all, OrderBy.NAME_ASC));
  });

  for (const completed of [true, false]) {
    test(`the completed filter (${completed}) lists exactly those orders`, async () => {
      const matching = all.filter((o) => o.completed === completed);
      assert.deepEqual(await walk({ completed, pageSize: 90 }), expectedUuids(matching, OrderBy.DATE_DESC));
    });
  }

  const searches: [string, string[]][] = [
    ["widget", ["Big WIDGET", "widget small"]],
    ["  WIDGET ", ["Big WIDGET", "widget small"]],
    ["%", ["100% Juice"]],
    ["_", ["snake_case item"]],
    ["e_c", ["snake_case item"]],
    ["äPFEL", ["Äpfel"]],
    ["\\", ["back\\slash"]],
    ["no such order", []],
  ];
  for (const [nameContains, names] of searches) {
    test(`name_contains "${nameContains}" matches case-insensitively and literally`, async () => {
      const response = await orders.listOrders({ nameContains, orderBy: OrderBy.NAME_ASC });
      assert.deepEqual(
        response.orders.map((o) => o.name),
        names,
      );
      assert.equal(response.totalSize, names.length);
      assert.equal(response.nextPageToken, "");
    });
  }

  test("name_contains combines with completed and pages", async () => {
    const matching = all.filter((o) => o.name === "Tie 3" && o.completed);
    assert.ok(matching.length > 10);
    assert.deepEqual(
      await walk({ nameContains: "tie 3", completed: true, pageSize: 4 }),
      expectedUuids(matching, OrderBy.DATE_DESC),
    );
  });

  test("refuses a forged page token", async () => {
    const forged = ["not a token", "abc", Buffer.from('{"v":1}').toString("base64url"), "x".repeat(2000)];
    for (const pageToken of forged) await rejectsFields(orders.listOrders({ pageToken }), ["page_token"]);
  });

  test("refuses a token reused with other filters or another sort order", async () => {
    const { nextPageToken: pageToken } = await orders.listOrders({ pageSize: 10 });
    await rejectsFields(orders.listOrders({ pageToken, completed: true }), ["page_token"]);
    await rejectsFields(orders.listOrders({ pageToken, nameContains: "tie" }), ["page_token"]);
    await rejectsFields(orders.listOrders({ pageToken, orderBy: OrderBy.NAME_ASC }), ["page_token"]);
    // The default order is date, newest first, so that token is the same listing.
    assert.equal((await orders.listOrders({ pageToken, pageSize: 10, orderBy: OrderBy.DATE_DESC })).orders.length, 10);
  });

  test("refuses an unknown order_by and an over-long name_contains", async () => {
    await rejectsFields(orders.listOrders({ orderBy: 99 as OrderBy }), ["order_by"]);
    await rejectsFields(orders.listOrders({ nameContains: "x".repeat(201) }), ["name_contains"]);
  });

  // Last: it changes the data. Offset paging would skip or repeat rows here.
  test("the next page neither skips nor repeats orders when orders change in between", async () => {
    const first = await orders.listOrders({ pageSize: 20 });
    await orders.deleteOrder({ uuid: first.orders[19]!.uuid });
    await orders.createOrder({ name: "Newest", date: "2030-01-01T00:00:00Z" });
    const second = await orders.listOrders({ pageSize: 20, pageToken: first.nextPageToken });
    assert.deepEqual(uuids(second.orders), expectedUuids(all, OrderBy.DATE_DESC).slice(20, 40));
  });
});
