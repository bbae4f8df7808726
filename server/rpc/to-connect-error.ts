import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";
import { appLogger } from "../observability/logger";
import type { Logger } from "../observability/logger";
import { InvalidOrderRequest, isDomainError, OrderNotFound, OrderStoreUnavailable, UnpagedListTooLarge } from "../orders/order-errors";

/** ErrorInfo.domain: names the service that defines the reasons below. */
const domain = "order.OrderService";

function errorInfo(reason: string, metadata: Record<string, string> = {}) {
  return { desc: ErrorInfoSchema, value: { reason, domain, metadata } };
}

/**
 * The one place domain errors become Connect errors, with the standard google.rpc details
 * that generic gRPC tooling decodes. Anything unexpected is logged (to `logger`) with its cause and
 * answered with a generic message: no stack, SQL or path leaves the server.
 */
export function toConnectError(error: unknown, procedure: string, logger: Logger = appLogger()): ConnectError {
  if (error instanceof ConnectError) return error;
  if (isDomainError(error, OrderNotFound)) {
    return new ConnectError(`Order ${error.uuid} was not found.`, Code.NotFound, undefined, [
      errorInfo("ORDER_NOT_FOUND", { uuid: error.uuid }),
    ]);
  }
  if (isDomainError(error, InvalidOrderRequest)) {
    return new ConnectError(error.message, Code.InvalidArgument, undefined, [
      { desc: BadRequestSchema, value: { fieldViolations: error.violations } },
    ]);
  }
  if (isDomainError(error, UnpagedListTooLarge)) {
    return new ConnectError(
      `More than ${error.limit} orders match; send page_size to read them page by page.`,
      Code.FailedPrecondition,
      undefined,
      [errorInfo("PAGE_SIZE_REQUIRED", { max_unpaged_orders: String(error.limit) })],
    );
  }
  if (isDomainError(error, OrderStoreUnavailable)) {
    logger.error({ procedure, err: error.cause }, "order store unavailable");
    return new ConnectError("The order store is unavailable; try again shortly.", Code.Unavailable, undefined, [
      errorInfo("STORE_UNAVAILABLE"),
    ]);
  }
  logger.error({ procedure, err: error }, "unexpected error");
  return new ConnectError("Internal error.", Code.Internal);
}
