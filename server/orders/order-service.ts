import { randomUUID } from "node:crypto";
import type { ServiceImpl } from "@connectrpc/connect";
import type { CheckStatusOrderService } from "../../gen/check/check_pb";
import { OrderNotificationTypeEnum } from "../../gen/order/order_pb";
import type { OrderService, UpdateOrderRequest } from "../../gen/order/order_pb";
import type { Store } from "../db/store";
import { checkDate, checkName, checkUuid, toOrderMessage, validUuid, Violations } from "./order-mapping";
import { readOrderPage } from "./order-paging";
import type { OrderChanges } from "./order-repository";

const ok = OrderNotificationTypeEnum.OK;
const updatableFields = ["name", "completed", "date"] as const;

// An empty update_mask replaces name, completed and date as the original service did
// (an empty date keeps the stored one); a mask changes only the fields it names.
function updateChanges(request: UpdateOrderRequest, violations: Violations): OrderChanges {
  const paths = request.updateMask?.paths.length ? request.updateMask.paths : updatableFields;
  const changes: OrderChanges = {};
  for (const path of paths) {
    switch (path) {
      case "name":
        changes.name = checkName(request.name, violations);
        break;
      case "completed":
        changes.completed = request.completed;
        break;
      case "date":
        changes.date = checkDate(request.date, violations, false);
        break;
      default:
        violations.add("update_mask", `update_mask path "${path}" is not one of ${updatableFields.join(", ")}.`);
    }
  }
  return changes;
}

/** OrderService on a store: validates requests, maps wire <-> storage; errors are domain errors. */
export function createOrderService({ orders }: Store): ServiceImpl<typeof OrderService> {
  return {
    async createOrder(request) {
      const violations = new Violations();
      const name = checkName(request.name, violations);
      const date = checkDate(request.date, violations, true);
      violations.check(name && date);
      const row = await orders.create({ uuid: randomUUID(), name: name!, completed: request.completed, date: date! });
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async readOrder({ uuid }) {
      const row = await orders.find(validUuid(uuid));
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async updateOrder(request) {
      const violations = new Violations();
      const uuid = checkUuid(request.uuid, violations);
      const changes = updateChanges(request, violations);
      const row = await orders.update(violations.check(uuid), changes);
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async deleteOrder({ uuid }) {
      await orders.remove(validUuid(uuid));
      return { notificationType: ok, success: true };
    },

    async listOrders(request) {
      const page = await readOrderPage(orders, request);
      return {
        notificationType: ok,
        orders: page.rows.map(toOrderMessage),
        nextPageToken: page.nextPageToken,
        previousPageToken: page.previousPageToken,
        totalSize: page.totalSize,
        totalSizeIsEstimate: page.totalSizeIsEstimate,
      };
    },

    checkStatusOrder: createCheckStatusOrderService({ orders }).checkStatusOrder,
  };
}

/** check.CheckStatusOrderService: answers from the same stored orders. */
export function createCheckStatusOrderService({ orders }: Pick<Store, "orders">): ServiceImpl<typeof CheckStatusOrderService> {
  return {
    async checkStatusOrder({ uuid }) {
      const order = await orders.find(validUuid(uuid));
      return { uuid: order.uuid, completed: order.completed };
    },
  };
}
