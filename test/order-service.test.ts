import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { OrderNotificationTypeEnum } from "../gen/order/order_pb";
import { rejectsFields, rejectsWith } from "./support/connect-errors";
import { routerClientsOnFreshDatabase } from "./support/router-clients";

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const { orders, check } = await routerClientsOnFreshDatabase();

async function createOrder(name = "Widget", date = "2024-05-01T10:00:00Z", completed = false) {
  const { order } = await orders.createOrder({ name, date, completed });
  assert.ok(order);
  return order;
}

describe("CreateOrder and ReadOrder", () => {
  test("stores the order under a new server-generated uuid and reads it back", async () => {
    const response = await orders.createOrder({ name: "Widget", completed: true, date: "2024-05-01T10:00:00Z" });
    assert.equal(response.notificationType, OrderNotificationTypeEnum.OK);
    const created = response.order!;
    assert.match(created.uuid, uuidV4);
    assert.deepEqual([created.name, created.completed, created.date], ["Widget", true, "2024-05-01T10:00:00.000Z"]);
    assert.ok(created.createTime && created.updateTime);

    const read = await orders.readOrder({ uuid: created.uuid });
    assert.equal(read.notificationType, OrderNotificationTypeEnum.OK);
    assert.deepEqual(read.order, created);
  });

  test("gives identical requests different uuids", async () => {
    const [a, b] = await Promise.all([createOrder("Same"), createOrder("Same")]);
    assert.notEqual(a.uuid, b.uuid);
  });

  // The original's Python clients send str(datetime); others send RFC 3339 with offsets.
  const dateForms: [string, string][] = [
    ["2024-05-01 10:00:00.123456Z", "2024-05-01T10:00:00.123Z"],
    ["2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.500Z"],
    ["2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01T05:30:00-04:30", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01T10:00:00", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01 10:00:00", "2024-05-01T10:00:00.000Z"],
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
  ];
  for (const [sent, stored] of dateForms) {
    test(`accepts date "${sent}" and answers ${stored}`, async () => {
      const order = await createOrder("Dated", sent);
      assert.equal(order.date, stored);
      assert.equal((await orders.readOrder({ uuid: order.uuid })).order?.date, stored);
    });
  }

  test("uses now (UTC) for an empty date", async () => {
    const before = Date.now();
    const order = await createOrder("Undated", "");
    const date = Date.parse(order.date);
    assert.match(order.date, /Z$/);
    assert.ok(date >= before - 1 && date <= Date.now() + 1, `${order.date} is not now`);
  });

  for (const date of [
    "yesterday",
    "2024-02-30",
    "2024-05-01T24:00:00Z",
    "2024-13-01",
    "2024-05-01T10:00:00+25:00",
    "01/05/2024",
  ]) {
    test(`refuses date "${date}" with a violation on date`, async () => {
      await rejectsFields(orders.createOrder({ name: "Widget", date }), ["date"]);
    });
  }

  test("trims the name", async () => {
    assert.equal((await createOrder("  \t Widget  ")).name, "Widget");
  });

  test("counts the 200-character limit in characters, not UTF-16 units", async () => {
    // Each emoji is two UTF-16 code units, so a length check in units would refuse this.
    assert.equal((await createOrder("😀".repeat(200))).name, "😀".repeat(200));
    await rejectsFields(orders.createOrder({ name: "😀".repeat(201) }), ["name"]);
    await rejectsFields(orders.createOrder({ name: "x".repeat(201) }), ["name"]);
  });

  for (const [label, name] of [
    ["empty", ""],
    ["blank", "   "],
    ["with NUL", "a\u0000b"],
    ["with a newline", "a\nb"],
    ["with DEL", "a\u007fb"],
    ["with a line separator", "a\u2028b"],
  ]) {
    test(`refuses a name that is ${label}, with a violation on name`, async () => {
      await rejectsFields(orders.createOrder({ name: name! }), ["name"]);
    });
  }

  test("reports every invalid field at once", async () => {
    const error = await rejectsFields(orders.createOrder({ name: "", date: "soon" }), ["name", "date"]);
    assert.match(error.rawMessage, /name/);
  });

  test("answers NOT_FOUND for an unknown uuid and INVALID_ARGUMENT for a malformed one", async () => {
    const error = await rejectsWith(orders.readOrder({ uuid: randomUUID() }), Code.NotFound);
    assert.match(error.rawMessage, /not found/);
    await rejectsFields(orders.readOrder({ uuid: "not-a-uuid" }), ["uuid"]);
    await rejectsFields(orders.readOrder({ uuid: "" }), ["uuid"]);
  });

  test("finds an order by its uuid in upper case", async () => {
    const order = await createOrder();
    assert.equal((await orders.readOrder({ uuid: order.uuid.toUpperCase() })).order?.uuid, order.uuid);
  });
});

describe("UpdateOrder", () => {
  test("without a mask replaces name, completed and date, and keeps the date when it is empty", async () => {
    const order = await createOrder("Old", "2024-05-01T10:00:00Z");
    const { order: updated, notificationType } = await orders.updateOrder({
      uuid: order.uuid,
      name: " New ",
      completed: true,
      date: "2024-06-01T08:00:00+02:00",
    });
    assert.equal(notificationType, OrderNotificationTypeEnum.OK);
    assert.deepEqual([updated?.name, updated?.completed, updated?.date], ["New", true, "2024-06-01T06:00:00.000Z"]);
    assert.deepEqual(updated?.createTime, order.createTime);
    assert.ok(timestampDate(updated!.updateTime!) >= timestampDate(order.updateTime!));

    const kept = await orders.updateOrder({ uuid: order.uuid, name: "Newer", completed: false, date: "" });
    assert.deepEqual(
      [kept.order?.name, kept.order?.completed, kept.order?.date],
      ["Newer", false, "2024-06-01T06:00:00.000Z"],
    );
    assert.deepEqual((await orders.readOrder({ uuid: order.uuid })).order, kept.order);
  });

  test("with a mask changes only the named fields", async () => {
    const order = await createOrder("Keep me", "2024-05-01T10:00:00Z");
    // The empty name would be refused if the mask did not exclude it.
    const { order: toggled } = await orders.updateOrder({
      uuid: order.uuid,
      completed: true,
      updateMask: { paths: ["completed"] },
    });
    assert.deepEqual([toggled?.name, toggled?.completed, toggled?.date], ["Keep me", true, order.date]);

    const { order: renamed } = await orders.updateOrder({
      uuid: order.uuid,
      name: "Renamed",
      updateMask: { paths: ["name"] },
    });
    assert.deepEqual([renamed?.name, renamed?.completed], ["Renamed", true]);
  });

  test("refuses unknown mask paths and invalid values, naming the fields", async () => {
    const order = await createOrder();
    await rejectsFields(orders.updateOrder({ uuid: order.uuid, name: "x", updateMask: { paths: ["uuid"] } }), [
      "update_mask",
    ]);
    await rejectsFields(orders.updateOrder({ uuid: order.uuid, name: "", updateMask: { paths: ["name"] } }), ["name"]);
    await rejectsFields(orders.updateOrder({ uuid: order.uuid, name: "ok", date: "later" }), ["date"]);
    await rejectsFields(orders.updateOrder({ uuid: "nope", name: "" }), ["uuid", "name"]);
    assert.deepEqual((await orders.readOrder({ uuid: order.uuid })).order, order, "a refused update changed the order");
  });

  test("answers NOT_FOUND for an unknown uuid", async () => {
    await rejectsWith(orders.updateOrder({ uuid: randomUUID(), name: "Ghost" }), Code.NotFound);
  });
});

describe("DeleteOrder", () => {
  test("deletes once, then the order is NOT_FOUND everywhere", async () => {
    const order = await createOrder();
    assert.deepEqual(await orders.deleteOrder({ uuid: order.uuid }).then((r) => [r.success, r.notificationType]), [
      true,
      OrderNotificationTypeEnum.OK,
    ]);
    await rejectsWith(orders.readOrder({ uuid: order.uuid }), Code.NotFound);
    await rejectsWith(orders.deleteOrder({ uuid: order.uuid }), Code.NotFound);
    await rejectsWith(orders.checkStatusOrder({ uuid: order.uuid }), Code.NotFound);
  });

  test("refuses a malformed uuid", async () => {
    await rejectsFields(orders.deleteOrder({ uuid: "123" }), ["uuid"]);
  });
});

describe("CheckStatusOrder", () => {
  for (const [service, client] of [
    ["order.OrderService", orders],
    ["check.CheckStatusOrderService", check],
  ] as const) {
    test(`${service} answers the stored completed flag, false included`, async () => {
      const open = await createOrder("Open", "", false);
      const done = await createOrder("Done", "", true);
      // BoolValue: false must arrive as a set wrapper, not as "unknown".
      const status = await client.checkStatusOrder({ uuid: open.uuid });
      assert.deepEqual([status.uuid, status.completed], [open.uuid, false]);
      assert.equal((await client.checkStatusOrder({ uuid: done.uuid })).completed, true);
      await rejectsWith(client.checkStatusOrder({ uuid: randomUUID() }), Code.NotFound);
      await rejectsFields(client.checkStatusOrder({ uuid: "x" }), ["uuid"]);
    });
  }
});
