import type { ServiceImpl } from "@connectrpc/connect";
import type { CheckStatusOrderService } from "../../gen/check/check_pb";
import type { Store } from "../db/store";
import { validUuid } from "../orders/order-mapping";
import type { FulfilmentSource } from "./fulfilment-source";

/**
 * check.CheckStatusOrderService, the far end of the CheckStatusOrder chain: asks the
 * fulfilment source about a stored order. It only answers; OrderService, which called it,
 * records the answer.
 */
export function createCheckStatusOrderService(
  { orders }: Pick<Store, "orders">,
  fulfilment: FulfilmentSource,
): ServiceImpl<typeof CheckStatusOrderService> {
  return {
    async checkStatusOrder({ uuid }, context) {
      const order = await orders.find(validUuid(uuid));
      const completed = await fulfilment.isFulfilled(order, context.signal);
      return { uuid: order.uuid, completed };
    },
  };
}
