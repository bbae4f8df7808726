import { randomUUID } from "node:crypto";
import type { ServiceImpl } from "@connectrpc/connect";
import { OrderNotificationTypeEnum } from "../../gen/order/order_pb";
import type { OrderService } from "../../gen/order/order_pb";
import type { CheckClient } from "../check/check-client";
import type { Store } from "../db/store";
import { createCheckStatusOrder } from "./check-status-order";
import { actorOf, callerOf } from "./order-actor";
import { OwnerOnly } from "./order-errors";
import { checkDate, checkEtag, checkName, checkUuid, toOrderMessage, validUuid, Violations } from "./order-mapping";
import { updateChanges } from "./order-update-changes";
import { checkRequestId, createFingerprint } from "./order-request-id";
import { listingRowBudget, parseListRequest, readListPage, rowsToRead } from "./order-paging";
import { throwIfCallEnded } from "./call-ended";
import type { RowBudget } from "./row-budget";
import { createWatchOrders } from "./watch-orders";
import type { WatchOptions } from "./watch-orders";

const ok = OrderNotificationTypeEnum.OK;
/**
 * OrderService on a store: validates requests, maps wire <-> storage; errors are domain errors.
 * CheckStatusOrder asks `checker` (check.CheckStatusOrderService, over the network). Listings
 * wait for room in `listingRows`, so many large ones at once cannot exhaust the heap.
 */
export function createOrderService(
  store: Store,
  checker: CheckClient,
  watch: WatchOptions,
  listingRows: RowBudget = listingRowBudget(),
): ServiceImpl<typeof OrderService> {
  const { orders } = store;
  return {
    async createOrder(request, context) {
      const violations = new Violations();
      const name = checkName(request.name, violations);
      const date = checkDate(request.date, violations, true);
      const requestId = checkRequestId(request.requestId, violations);
      violations.check(name && date);
      throwIfCallEnded(context);
      const order = { uuid: randomUUID(), name: name!, completed: request.completed, date: date! };
      const requestedDate = request.date.trim() === "" ? undefined : date;
      const row = await orders.create(
        order,
        actorOf(context),
        requestId === undefined
          ? undefined
          : { requestId, fingerprint: createFingerprint(order.name, order.completed, requestedDate) },
      );
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async readOrder({ uuid }) {
      const row = await orders.find(validUuid(uuid));
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async updateOrder(request, context) {
      const violations = new Violations();
      const uuid = checkUuid(request.uuid, violations);
      const changes = updateChanges(request, violations);
      const version = checkEtag(request.etag, violations);
      const checkedUuid = violations.check(uuid);
      throwIfCallEnded(context);
      const row = await orders.update(checkedUuid, changes, actorOf(context), { version });
      return { notificationType: ok, order: toOrderMessage(row) };
    },

    async deleteOrder(request, context) {
      const violations = new Violations();
      const uuid = checkUuid(request.uuid, violations);
      const version = checkEtag(request.etag, violations);
      const checkedUuid = violations.check(uuid);
      throwIfCallEnded(context);
      await orders.remove(checkedUuid, actorOf(context), version);
      return { notificationType: ok, success: true };
    },

    async undeleteOrder(request, context) {
      const uuid = validUuid(request.uuid);
      throwIfCallEnded(context);
      return { order: toOrderMessage(await orders.undelete(uuid, actorOf(context))) };
    },

    async listOrders(request, context) {
      const query = parseListRequest(request);
      // AIP-164 leaves who may see deleted resources to the service: the owner, who sees all.
      if (query.filter.showDeleted && callerOf(context).role !== "owner") throw new OwnerOnly("list deleted orders");
      await listingRows.hold(rowsToRead(query), context);
      const page = await readListPage(orders, query);
      return {
        notificationType: ok,
        orders: page.rows.map(toOrderMessage),
        nextPageToken: page.nextPageToken,
        previousPageToken: page.previousPageToken,
        totalSize: page.totalSize,
        totalSizeIsEstimate: page.totalSizeIsEstimate,
      };
    },

    checkStatusOrder: createCheckStatusOrder({ orders }, checker),

    watchOrders: createWatchOrders(store, watch),
  };
}
