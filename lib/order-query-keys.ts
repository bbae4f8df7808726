import { createConnectQueryKey } from "@connectrpc/connect-query";
import { OrderService } from "@/gen/order/order_pb";

/** Every cached ListOrders page, of every view: a key without input matches them all. */
export const orderListsKey = createConnectQueryKey({ schema: OrderService.method.listOrders, cardinality: undefined });

/** Every cached order detail, or the one for `uuid`. */
export function orderDetailsKey(uuid?: string) {
  return createConnectQueryKey({
    schema: OrderService.method.readOrder,
    input: uuid === undefined ? undefined : { uuid },
    cardinality: undefined,
  });
}

/** The delete mutation of one order, so a live "deleted" event can tell it was made in this tab. */
export function deleteOrderKey(uuid: string) {
  return ["delete-order", uuid];
}
