import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { OrderSchema } from "../../gen/order/order_pb";
import type { Order } from "../../gen/order/order_pb";
import type { OrderRow } from "./order-repository";
import { formatOrderDate } from "./order-date";

/** The wire form of a stored order. */
export function toOrderMessage(row: OrderRow): Order {
  return create(OrderSchema, {
    uuid: row.uuid,
    name: row.name,
    completed: row.completed,
    date: formatOrderDate(row.date),
    createTime: timestampFromDate(row.createTime),
    updateTime: timestampFromDate(row.updateTime),
  });
}
