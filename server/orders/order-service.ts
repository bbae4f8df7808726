import { randomUUID } from "node:crypto";
import type { ServiceImpl } from "@connectrpc/connect";
import { OrderNotificationTypeEnum } from "../../gen/order/order_pb";
import type { OrderService, UpdateOrderRequest } from "../../gen/order/order_pb";
import type { CheckStatusOrderRequest } from "../../gen/check/check_pb";
import { InvalidOrderRequest } from "./order-errors";
import { listOrders } from "./list-orders";
import { toOrderMessage } from "./order-message";
import { orderRepository } from "./order-repository";
import type { OrderChanges } from "./order-repository";
import { checkDate, checkName, checkUuid, Violations } from "./order-validation";

const ok = OrderNotificationTypeEnum.OK;

function requireValid<T>(violations: Violations, value: T | undefined): T {
  if (violations.list.length > 0 || value === undefined) throw new InvalidOrderRequest(violations.list);
  return value;
}

function validUuid(uuid: string): string {
  const violations = new Violations();
  return requireValid(violations, checkUuid(uuid, violations));
}

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

async function checkStatus({ uuid }: CheckStatusOrderRequest) {
  const order = await orderRepository.find(validUuid(uuid));
  return { uuid: order.uuid, completed: order.completed };
}

/** OrderService: validates requests, maps wire <-> storage; errors are domain errors. */
export const orderService: ServiceImpl<typeof OrderService> = {
  async createOrder(request) {
    const violations = new Violations();
    const name = checkName(request.name, violations);
    const date = checkDate(request.date, violations, true);
    requireValid(violations, name && date);
    const row = await orderRepository.create({ uuid: randomUUID(), name: name!, completed: request.completed, date: date! });
    return { notificationType: ok, order: toOrderMessage(row) };
  },

  async readOrder({ uuid }) {
    const row = await orderRepository.find(validUuid(uuid));
    return { notificationType: ok, order: toOrderMessage(row) };
  },

  async updateOrder(request) {
    const violations = new Violations();
    const uuid = checkUuid(request.uuid, violations);
    const changes = updateChanges(request, violations);
    const row = await orderRepository.update(requireValid(violations, uuid), changes);
    return { notificationType: ok, order: toOrderMessage(row) };
  },

  async deleteOrder({ uuid }) {
    await orderRepository.remove(validUuid(uuid));
    return { notificationType: ok, success: true };
  },

  async listOrders(request) {
    const page = await listOrders(request);
    return {
      notificationType: ok,
      orders: page.rows.map(toOrderMessage),
      nextPageToken: page.nextPageToken,
      previousPageToken: page.previousPageToken,
      totalSize: page.totalSize,
    };
  },

  checkStatusOrder: checkStatus,
};

/** The check package's own service answers from the same stored orders. */
export const checkStatusOrderService = { checkStatusOrder: checkStatus };
