import type { ConnectRouter, ConnectRouterOptions, Interceptor, Transport } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../../gen/check/check_pb";
import { EchoService } from "../../gen/echo/echo_pb";
import { Health } from "../../gen/health/v1/health_pb";
import { OrderBulkService } from "../../gen/order/order_bulk_pb";
import { OrderHistoryService } from "../../gen/order/order_history_pb";
import { OrderService } from "../../gen/order/order_pb";
import { createAuthInterceptor } from "../auth/authenticate";
import { checkServiceTransport, createCheckClient, ownGrpcPortTransport } from "../check/check-client";
import { createCheckStatusOrderService } from "../check/check-status-service";
import { simulatedFulfilment } from "../check/fulfilment-source";
import type { FulfilmentSource } from "../check/fulfilment-source";
import { config } from "../config.js";
import type { Store } from "../db/store";
import { createEchoService } from "../echo/echo-service";
import { createHealthService } from "../health/health-service";
import { drainingSignal, shutdownSignal } from "../lifecycle/shutdown-signal";
import { appLogger } from "../observability/logger";
import type { Logger } from "../observability/logger";
import { requestIdKey } from "../observability/request-context";
import { logRequests } from "../observability/request-log";
import { traceServerCalls } from "../observability/rpc-spans";
import { createOrderBulkService } from "../orders/order-bulk-service";
import { createOrderHistoryService } from "../orders/order-history-service";
import { createOrderService } from "../orders/order-service";
import type { WatchOptions } from "../orders/watch-orders";
import { registerReflection } from "../reflection/reflection-service";
import { answerCompressions } from "./answer-compression";
import { takeTurnsPerCaller } from "./caller-turns";
import { answerClientFaultsWith4xx } from "./client-fault-statuses";
import { limitOpenStreams } from "./open-stream-slots";
import { limitRequestStreams } from "./request-stream-limits";
import { toConnectError } from "./to-connect-error";

function mapErrors(logger: Logger): Interceptor {
  return (next) => async (request) => {
    const toError = (error: unknown) =>
      toConnectError(error, request.url, logger.child({ requestId: request.contextValues.get(requestIdKey) }));
    try {
      const response = await next(request);
      if (!response.stream) return response;
      // A streaming handler throws from inside its messages, after this call has returned.
      return {
        ...response,
        message: (async function* () {
          try {
            yield* response.message;
          } catch (error) {
            throw toError(error);
          }
        })(),
      };
    } catch (error) {
      throw toError(error);
    }
  };
}

/** Handler options for every transport, logging to `logger`. */
export function createRouterOptions({ logger }: { logger: Logger }) {
  return {
    // Outermost first: the log line sees the final code and the whole duration; the span
    // records the code the caller gets. createRoutes adds the credential check innermost for
    // the guarded services, so its refusals are logged and traced and its store faults mapped.
    // The limits come after error mapping and logging, so their refusals are logged like any answer.
    interceptors: [logRequests(logger), traceServerCalls, mapErrors(logger), limitOpenStreams(), limitRequestStreams()],
    // gzip, and brotli at a quality that costs about what gzip does; large answers take turns.
    acceptCompression: answerCompressions,
    // Orders are a few hundred bytes; with Next's body parser off nothing else caps uploads.
    readMaxBytes: 1024 * 1024,
    // A deadline above this is refused with INVALID_ARGUMENT. Every RPC here takes
    // milliseconds, so five minutes admits any sensible client (grpcio's included).
    maxTimeoutMs: 5 * 60_000,
    // Left off on purpose: curl and other plain HTTP callers may omit the header, and every
    // state-changing RPC is a POST with a JSON or protobuf body, which browsers preflight.
    requireConnectProtocolHeader: false,
    // Aborted when a shutdown's grace period ends: calls still running get UNAVAILABLE.
    shutdownSignal: shutdownSignal(),
  } satisfies ConnectRouterOptions;
}

/** Handler options shared by every transport. */
export const routerOptions = createRouterOptions({ logger: appLogger() });

export type RouteOptions = {
  /** Where OrderService reaches check.CheckStatusOrderService; default: CHECK_SERVICE_URL over gRPC. */
  checkTransport?: Transport;
  /** Where the checker learns fulfilment; default: the simulated system with CHECK_LATENCY_MS. */
  fulfilment?: FulfilmentSource;
  /** How often health Watch probes the database. */
  healthWatchIntervalMs?: number;
  /** Where the guarded services' log lines go; default: the process's logger. */
  logger?: Logger;
  /** WatchOrders' heartbeat and buffer; default: WATCH_HEARTBEAT_MS. */
  watch?: Partial<WatchOptions>;
  /** Aborted when a shutdown starts: open watches end, health turns NOT_SERVING; default: the process's. */
  draining?: AbortSignal;
};

/**
 * The one registration of the services on a store, mounted by every transport (the Next
 * route, the gRPC listener, the server components' in-process transport) and by the tests.
 */
export function createRoutes(store: Store, options: RouteOptions = {}): (router: ConnectRouter) => void {
  const checkTransport =
    options.checkTransport ??
    (config.checkServiceUrl === undefined ? ownGrpcPortTransport() : checkServiceTransport(config.checkServiceUrl));
  const fulfilment = options.fulfilment ?? simulatedFulfilment({ latencyMs: config.checkLatencyMs });
  // Per-service options replace the router's, so the shared interceptors are repeated first.
  // Credentials are checked innermost: log lines and traces then cover refused calls too, and
  // still see the caller once it is known. Health, reflection and echo stay open.
  const shared = createRouterOptions({ logger: options.logger ?? appLogger() }).interceptors;
  // Turns per caller come after the check that names the caller.
  const guarded = { interceptors: [...shared, createAuthInterceptor(store), takeTurnsPerCaller()] };
  return (router) => {
    const draining = options.draining ?? drainingSignal();
    const watch = { heartbeatMs: config.watch.heartbeatMs, draining, ...options.watch };
    router.service(OrderService, createOrderService(store, createCheckClient(checkTransport), watch), guarded);
    router.service(OrderHistoryService, createOrderHistoryService(store), guarded);
    router.service(OrderBulkService, createOrderBulkService(store), guarded);
    router.service(CheckStatusOrderService, createCheckStatusOrderService(store, fulfilment), guarded);
    // Health and reflection describe whatever is registered on this router, read per call.
    const serviceNames = () => [...new Set(router.handlers.map((handler) => handler.service.typeName))];
    router.service(
      Health,
      createHealthService({
        ping: () => store.ping(),
        serviceNames,
        watchIntervalMs: options.healthWatchIntervalMs,
        draining,
      }),
    );
    router.service(EchoService, createEchoService({ pauseMs: config.echoPauseMs }));
    registerReflection(router);
    answerClientFaultsWith4xx(router);
  };
}
