import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../../gen/order/order_pb";
import { InvalidOrderRequest, OrderNotFound, OrderStoreUnavailable } from "../orders/order-errors";

/**
 * The one place domain errors become Connect errors. Anything unexpected is logged with
 * its cause and answered with a generic message: no stack, SQL or path leaves the server.
 */
export function toConnectError(error: unknown, procedure: string): ConnectError {
  if (error instanceof ConnectError) return error;
  if (error instanceof OrderNotFound) {
    return new ConnectError(`Order ${error.uuid} was not found.`, Code.NotFound);
  }
  if (error instanceof InvalidOrderRequest) {
    return new ConnectError(error.message, Code.InvalidArgument, undefined, [
      { desc: BadRequestSchema, value: { fieldViolations: error.violations } },
    ]);
  }
  if (error instanceof OrderStoreUnavailable) {
    console.error(`${procedure}: order store unavailable`, error.cause);
    return new ConnectError("The order store is unavailable; try again shortly.", Code.Unavailable);
  }
  console.error(`${procedure}: unexpected error`, error);
  return new ConnectError("Internal error.", Code.Internal);
}
