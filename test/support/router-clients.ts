import { createClient, createRouterTransport } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../../gen/check/check_pb";
import { OrderService } from "../../gen/order/order_pb";
import routes, { routerOptions } from "../../server/routes";

/**
 * Clients for the real routes and router options, in memory: requests and errors still
 * go through Connect's serialization, so error details arrive as a remote client sees them.
 */
export function routerClients() {
  const transport = createRouterTransport(routes, { router: routerOptions });
  return { orders: createClient(OrderService, transport), check: createClient(CheckStatusOrderService, transport) };
}
