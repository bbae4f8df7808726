import { create, toBinary } from "@bufbuild/protobuf";
import type { Page } from "@playwright/test";
import { WatchOrdersResponseSchema } from "@/gen/order/order_pb";
import type { OrdersApi } from "./fixtures";

/** The header's Live indicator. */
export const liveIndicator = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("status");

/**
 * A WatchOrders answer body that says where the stream starts (the current cursor) and then
 * breaks off, as a dropped connection or a stopped server's does: one Connect envelope (flags
 * 0, then the message's length as 4 bytes big-endian) holding a heartbeat, and no end-of-stream.
 */
export async function heartbeatThenBreakOff(api: OrdersApi): Promise<Buffer> {
  let cursor = 0n;
  for await (const message of api.watchOrders({})) {
    cursor = message.cursor;
    break;
  }
  const heartbeat = toBinary(
    WatchOrdersResponseSchema,
    create(WatchOrdersResponseSchema, { cursor, event: { case: "heartbeat", value: {} } }),
  );
  const envelope = Buffer.alloc(5 + heartbeat.length);
  envelope.writeUInt32BE(heartbeat.length, 1);
  envelope.set(heartbeat, 5);
  return envelope;
}
