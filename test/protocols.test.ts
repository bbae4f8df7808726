// The same RPCs over every protocol the server speaks, against `next start` on real sockets:
// the adapters (connect-next, connect-node's HTTP/2 listener) are where protocol bugs live.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { describe, test } from "node:test";
import { Code, createClient } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../gen/check/check_pb";
import { OrderNotificationTypeEnum, OrderService } from "../gen/order/order_pb";
import { rejectsFields, rejectsWith } from "./support/connect-errors";
import { appPerFile } from "./support/app-per-file";
import { protocols } from "./support/protocol-transports";
import type { Protocol } from "./support/protocol-transports";

const app = appPerFile();

/** Clients for both services over one protocol. */
function clientsFor(protocol: Protocol) {
  const transport = protocol.transport(app.server);
  return { orders: createClient(OrderService, transport), check: createClient(CheckStatusOrderService, transport) };
}

// The HTTP method each RPC went out with, as Node's HTTP client sent it (the transport
// decides GET or POST below the interceptors, so this is watched at the socket layer).
const sentMethods = new Map<string, string>();
subscribe("http.client.request.start", (message) => {
  const { request } = message as { request: ClientRequest };
  const rpc = request.path.split("?")[0]?.split("/").slice(-2).join("/");
  if (rpc) sentMethods.set(rpc, request.method);
});

for (const protocol of protocols) {
  describe(protocol.name, () => {
    test("every RPC of both services works", async () => {
      const { orders, check } = clientsFor(protocol);
      sentMethods.clear();
      const created = await orders.createOrder({ name: ` ${protocol.name} `, date: "2024-05-01 10:00:00.123456Z" });
      assert.equal(created.notificationType, OrderNotificationTypeEnum.OK);
      const order = created.order!;
      assert.deepEqual([order.name, order.completed, order.date], [protocol.name, false, "2024-05-01T10:00:00.123Z"]);

      assert.deepEqual((await orders.readOrder({ uuid: order.uuid })).order, order);
      const updated = await orders.updateOrder({
        uuid: order.uuid,
        completed: true,
        updateMask: { paths: ["completed"] },
      });
      assert.deepEqual([updated.order?.name, updated.order?.completed], [protocol.name, true]);

      const listed = await orders.listOrders({ nameContains: protocol.name });
      assert.deepEqual(
        listed.orders.map((o) => o.uuid),
        [order.uuid],
      );
      assert.equal(listed.totalSize, 1);

      assert.deepEqual(await orders.checkStatusOrder({ uuid: order.uuid }).then((r) => [r.uuid, r.completed]), [
        order.uuid,
        true,
      ]);
      assert.deepEqual(await check.checkStatusOrder({ uuid: order.uuid }).then((r) => [r.uuid, r.completed]), [
        order.uuid,
        true,
      ]);

      const deleted = await orders.deleteOrder({ uuid: order.uuid });
      assert.deepEqual([deleted.success, deleted.notificationType], [true, OrderNotificationTypeEnum.OK]);
      await rejectsWith(orders.readOrder({ uuid: order.uuid }), Code.NotFound);

      if (protocol.name.startsWith("Connect GET")) {
        // Only methods marked NO_SIDE_EFFECTS in the proto may be GETs; the rest stay POSTs.
        assert.deepEqual(Object.fromEntries(sentMethods), {
          "order.OrderService/CreateOrder": "POST",
          "order.OrderService/ReadOrder": "GET",
          "order.OrderService/UpdateOrder": "POST",
          "order.OrderService/ListOrders": "GET",
          "order.OrderService/CheckStatusOrder": "POST",
          // The chain's far end only answers (NO_SIDE_EFFECTS): a GET too.
          "check.CheckStatusOrderService/CheckStatusOrder": "GET",
          "order.OrderService/DeleteOrder": "POST",
        });
      }
    });

    test("errors arrive with their codes and field details", async () => {
      const { orders, check } = clientsFor(protocol);
      const invalid = await rejectsFields(orders.createOrder({ name: "", date: "tomorrow" }), ["name", "date"]);
      assert.match(invalid.rawMessage, /name/i);
      await rejectsFields(orders.readOrder({ uuid: "not-a-uuid" }), ["uuid"]);
      await rejectsFields(orders.listOrders({ pageToken: "forged" }), ["page_token"]);
      await rejectsFields(orders.updateOrder({ uuid: randomUUID(), name: "x", updateMask: { paths: ["nope"] } }), [
        "update_mask",
      ]);
      for (const call of [
        () => orders.readOrder({ uuid: randomUUID() }),
        () => orders.updateOrder({ uuid: randomUUID(), name: "Ghost" }),
        () => orders.deleteOrder({ uuid: randomUUID() }),
        () => orders.checkStatusOrder({ uuid: randomUUID() }),
        () => check.checkStatusOrder({ uuid: randomUUID() }),
      ]) {
        await rejectsWith(call(), Code.NotFound);
      }
    });

    test("pages through a list forward and back", async () => {
      const { orders } = clientsFor(protocol);
      const prefix = `paging ${randomUUID()}`;
      const names = Array.from({ length: 11 }, (_, i) => `${prefix} ${String(i).padStart(2, "0")}`);
      for (const name of names) await orders.createOrder({ name });
      const seen: string[][] = [];
      let response = await orders.listOrders({ nameContains: prefix, pageSize: 4, orderBy: 3 });
      seen.push(response.orders.map((o) => o.name));
      while (response.nextPageToken) {
        response = await orders.listOrders({
          nameContains: prefix,
          pageSize: 4,
          orderBy: 3,
          pageToken: response.nextPageToken,
        });
        assert.equal(response.totalSize, names.length);
        seen.push(response.orders.map((o) => o.name));
      }
      assert.deepEqual(seen, [names.slice(0, 4), names.slice(4, 8), names.slice(8)]);
      const back = await orders.listOrders({
        nameContains: prefix,
        pageSize: 4,
        orderBy: 3,
        pageToken: response.previousPageToken,
      });
      assert.deepEqual(
        back.orders.map((o) => o.name),
        names.slice(4, 8),
      );
    });
  });
}

describe("Connect GET over plain HTTP", () => {
  test("a browser-style GET reads an order and lists orders", async () => {
    const { orders } = clientsFor(protocols[0]!);
    const { order } = await orders.createOrder({ name: "Fetched with GET" });
    const get = (method: string, message: unknown) =>
      fetch(
        `${app.server.apiUrl}/order.OrderService/${method}?connect=v1&encoding=json&message=${encodeURIComponent(JSON.stringify(message))}`,
        {
          headers: { "Rpc-Auth": app.server.token },
        },
      );

    const read = await get("ReadOrder", { uuid: order!.uuid });
    assert.equal(read.status, 200);
    assert.equal(((await read.json()) as { order: { name: string } }).order.name, "Fetched with GET");

    const listed = await get("ListOrders", { nameContains: "fetched with get" });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      ((await listed.json()) as { orders: { uuid: string }[] }).orders.map((o) => o.uuid),
      [order!.uuid],
    );

    const missing = await get("ReadOrder", { uuid: randomUUID() });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { code: string }).code, "not_found");
    // A GET would let any page trigger a write through a link or an <img>.
    assert.equal((await get("CreateOrder", { name: "via GET" })).status, 405);
  });
});
