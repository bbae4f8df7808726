import type { ConnectRouter, ConnectRouterOptions, Interceptor } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { CheckStatusOrderService } from "../gen/check/check_pb";
import { toConnectError } from "./errors/to-connect-error";
import { checkStatusOrderService, orderService } from "./orders/order-service";

const mapErrors: Interceptor = (next) => async (request) => {
  try {
    return await next(request);
  } catch (error) {
    throw toConnectError(error, request.url);
  }
};

/** Handler options shared by every transport. */
export const routerOptions = {
  interceptors: [mapErrors],
  // Orders are a few hundred bytes; with Next's body parser off nothing else caps uploads.
  readMaxBytes: 1024 * 1024,
  // A deadline above this is refused with INVALID_ARGUMENT. Every RPC here takes
  // milliseconds, so five minutes admits any sensible client (grpcio's included).
  maxTimeoutMs: 5 * 60_000,
  // Left off on purpose: curl and other plain HTTP callers may omit the header, and every
  // state-changing RPC is a POST with a JSON or protobuf body, which browsers preflight.
  requireConnectProtocolHeader: false,
} satisfies ConnectRouterOptions;

/** The one registration of the services, mounted by every transport and by the tests. */
export default function routes(router: ConnectRouter): void {
  router.service(OrderService, orderService);
  router.service(CheckStatusOrderService, checkStatusOrderService);
}
