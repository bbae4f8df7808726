import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";
import {
  InvalidOrderRequest,
  OrderAlreadyExists,
  OrderNotFound,
  OrderStoreUnavailable,
  OrderWriteConflict,
  UnpagedListTooLarge,
} from "../orders/order-errors";
import { appLogger } from "../observability/logger";
import type { Logger } from "../observability/logger";

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
  if (error instanceof OrderNotFound) {
    return new ConnectError(`Order ${error.uuid} was not found.`, Code.NotFound, undefined, [
      errorInfo("ORDER_NOT_FOUND", { uuid: error.uuid }),
    ]);
  }
  if (error instanceof InvalidOrderRequest) {
    return new ConnectError(error.message, Code.InvalidArgument, undefined, [
      { desc: BadRequestSchema, value: { fieldViolations: error.violations } },
    ]);
  }
  if (error instanceof UnpagedListTooLarge) {
    return new ConnectError(
      `More than ${error.limit} orders match; send page_size to read them page by page.`,
      Code.FailedPrecondition,
      undefined,
      [errorInfo("PAGE_SIZE_REQUIRED", { max_unpaged_orders: String(error.limit) })],
    );
  }
  if (error instanceof OrderStoreUnavailable) {
    logger.error({ procedure, err: error.cause }, "order store unavailable");
    return new ConnectError("The order store is unavailable; try again shortly.", Code.Unavailable, undefined, [
      errorInfo("STORE_UNAVAILABLE"),
    ]);
  }
  if (error instanceof OrderWriteConflict) {
    logger.error({ procedure, err: error.cause }, "write conflict");
    return new ConnectError("The order changed concurrently; try again.", Code.Aborted, undefined, [
      errorInfo("WRITE_CONFLICT"),
    ]);
  }
  if (error instanceof OrderAlreadyExists) {
    logger.error({ procedure, err: error.cause }, "duplicate key");
    return new ConnectError("The order already exists.", Code.AlreadyExists, undefined, [errorInfo("ORDER_EXISTS")]);
  }
  // OrderStoreFault (a missing table, a corrupt file) lands here too: retrying cannot help,
  // so it is INTERNAL, and the caller learns nothing about the database.
  logger.error({ procedure, err: error instanceof Error && error.cause ? error.cause : error }, "unexpected error");
  return new ConnectError("Internal error.", Code.Internal);
}
