import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";
import {
  BatchItemsFailed,
  ImportRejected,
  OwnerOnly,
  InvalidOrderRequest,
  OrderAlreadyExists,
  OrderEtagMismatch,
  OrderNotFound,
  OrderStoreUnavailable,
  OrderWriteConflict,
  RequestedOrderDeleted,
  RequestIdReused,
  UnpagedListTooLarge,
} from "../orders/order-errors";
import { toEtag } from "../orders/order-mapping";
import { WriteNotAllowed } from "../auth/permissions";
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
  // A viewer's or a read-scoped token's write (HTTP 403 on Connect and REST).
  if (error instanceof WriteNotAllowed) {
    return new ConnectError(error.message, Code.PermissionDenied, undefined, [
      errorInfo(error.reason, { method: error.method }),
    ]);
  }
  if (error instanceof OrderNotFound) {
    return new ConnectError(`Order ${error.uuid} was not found.`, Code.NotFound, undefined, [
      errorInfo("ORDER_NOT_FOUND", { uuid: error.uuid }),
    ]);
  }
  if (error instanceof RequestedOrderDeleted) {
    return new ConnectError(
      `Order ${error.uuid}, created for request_id ${error.requestId}, has since been deleted.`,
      Code.NotFound,
      undefined,
      [errorInfo("ORDER_DELETED", { uuid: error.uuid, request_id: error.requestId })],
    );
  }
  if (error instanceof RequestIdReused) {
    return new ConnectError(
      `request_id ${error.requestId} was already used to create an order with another name, completed or date; send a new request_id for a new order.`,
      Code.AlreadyExists,
      undefined,
      [errorInfo("REQUEST_ID_REUSED", { request_id: error.requestId })],
    );
  }
  // AIP-154: a stale etag is ABORTED, and the caller reads the order again before retrying.
  if (error instanceof OrderEtagMismatch) {
    const etag = toEtag(error.currentVersion);
    return new ConnectError(
      `Order ${error.uuid} was changed since it was read (its etag is now ${etag}); read it again, then retry.`,
      Code.Aborted,
      undefined,
      [errorInfo("ETAG_MISMATCH", { uuid: error.uuid, etag })],
    );
  }
  // All or nothing (AIP-233): one ErrorInfo per failing item, with its index in the request.
  // NOT_FOUND when an order is missing, else ABORTED for stale etags (read again, then retry).
  if (error instanceof BatchItemsFailed) {
    const missing = error.failures.some((failure) => failure.reason === "ORDER_NOT_FOUND");
    const items = error.failures.map((failure) => failure.index).join(", ");
    const count = error.failures.length;
    const message = missing
      ? `${count} of the batch's orders ${count === 1 ? "was" : "were"} not found (item ${items}); nothing was changed.`
      : `${count} of the batch's orders changed since they were read (item ${items}); nothing was changed. Read them again, then retry.`;
    return new ConnectError(
      message,
      missing ? Code.NotFound : Code.Aborted,
      undefined,
      error.failures.map((failure) =>
        errorInfo(failure.reason, {
          index: String(failure.index),
          uuid: failure.uuid,
          ...(failure.reason === "ETAG_MISMATCH" && { etag: toEtag(failure.currentVersion) }),
        }),
      ),
    );
  }
  // The report of every bad line, as a BadRequest a generic client can show: field "line 3: name".
  if (error instanceof ImportRejected) {
    return new ConnectError(`${error.message}.`, Code.InvalidArgument, undefined, [
      {
        desc: BadRequestSchema,
        value: {
          fieldViolations: error.problems.map((problem) => ({
            field: `line ${problem.line}${problem.field ? `: ${problem.field}` : ""}`,
            description: problem.message,
          })),
        },
      },
    ]);
  }
  if (error instanceof OwnerOnly) {
    return new ConnectError(error.message, Code.PermissionDenied, undefined, [errorInfo("OWNER_ONLY")]);
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
