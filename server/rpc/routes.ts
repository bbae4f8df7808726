import type { ConnectRouter, ConnectRouterOptions, Interceptor } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../../gen/check/check_pb";
import { OrderService } from "../../gen/order/order_pb";
import { createAuthInterceptor } from "../auth/authenticate";
import type { Store } from "../db/store";
import { createCheckStatusOrderService, createOrderService } from "../orders/order-service";
import { toConnectError } from "./to-connect-error";

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

/**
 * The one registration of the services on a store, mounted by every transport (the Next
 * route, the gRPC listener, the server components' in-process transport) and by the tests.
 */
export function createRoutes(store: Store): (router: ConnectRouter) => void {
  // Per-service options replace the router's, so the shared interceptors are repeated first.
  // Credentials are checked innermost: log lines and traces then cover refused calls too, and
  // still see the caller once it is known. Services in openServices pass the check untouched.
  const serviceOptions = { interceptors: [...routerOptions.interceptors, createAuthInterceptor(store)] };
  return (router) => {
    router.service(OrderService, createOrderService(store), serviceOptions);
    router.service(CheckStatusOrderService, createCheckStatusOrderService(store), serviceOptions);
  };
}
