import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import type { CheckStatusOrderRequest, CheckStatusOrderResponseSchema } from "../../gen/check/check_pb";
import type { CheckClient } from "../check/check-client";
import type { Store } from "../db/store";
import { requestIdHeader, requestIdKey } from "../observability/request-context";
import { credentialHeaders } from "../auth/authenticate";
import { throwIfCallEnded } from "./call-ended";
import { actorOf } from "./order-actor";
import { validUuid } from "./order-mapping";

/**
 * What the chain's call carries besides the request: the caller's credentials, and the request
 * id, so both log lines of one check share it.
 */
function forwardedHeaders(context: HandlerContext): Headers {
  const headers = new Headers();
  // The caller's own credentials: the checker requires them too, and so acts for the same
  // caller (a session cookie passes as well: a server-to-server call sends no Origin).
  for (const name of credentialHeaders) {
    const value = context.requestHeader.get(name);
    if (value !== null) headers.set(name, value);
  }
  const requestId = context.values.get(requestIdKey);
  if (requestId !== undefined) headers.set(requestIdHeader, requestId);
  return headers;
}

// What the caller may see of the checker's answer: the codes that describe its own request,
// with message and details. Anything else (a refused connection names a host and port) becomes
// a generic UNAVAILABLE whose cause stays in the server log. Never the far end's headers. Not
// CANCELED: the caller's own cancel is answered before (throwIfCallEnded), so one from the far
// end is its connection failing ("http/2 stream closed with error code CANCEL").
const passedOn = new Set([Code.NotFound, Code.InvalidArgument, Code.DeadlineExceeded]);

function fromChecker(remote: ConnectError): ConnectError {
  if (!passedOn.has(remote.code)) {
    return new ConnectError(
      "The status check is unavailable; try again shortly.",
      Code.Unavailable,
      undefined,
      undefined,
      remote,
    );
  }
  const local = new ConnectError(remote.rawMessage, remote.code, undefined, undefined, remote);
  local.details = remote.details;
  return local;
}

/**
 * OrderService.CheckStatusOrder, the near end of the chain: asks check.CheckStatusOrderService
 * over the network within the caller's remaining deadline, then records the answer in the
 * stored order. A deadline that passes anywhere surfaces as DEADLINE_EXCEEDED: the forwarded
 * timeout ends the far end's work, `signal` ends the wait here, and the check right before
 * the write keeps a late answer from changing the order.
 */
export function createCheckStatusOrder({ orders }: Pick<Store, "orders">, checker: CheckClient) {
  return async function checkStatusOrder(
    { uuid }: CheckStatusOrderRequest,
    context: HandlerContext,
  ): Promise<MessageInitShape<typeof CheckStatusOrderResponseSchema>> {
    const valid = validUuid(uuid);
    throwIfCallEnded(context);
    const status = await checker
      .checkStatusOrder(
        { uuid: valid },
        { timeoutMs: context.timeoutMs(), signal: context.signal, headers: forwardedHeaders(context) },
      )
      .catch((error: unknown) => {
        // Past the caller's deadline the far end's answer no longer matters, whatever it was
        // (on a busy machine the call may fail in connecting rather than at the far end).
        throwIfCallEnded(context);
        throw fromChecker(ConnectError.from(error));
      });
    // A late answer must not change the order: the caller has already been told the call failed.
    throwIfCallEnded(context);
    const completed = status.completed ?? false;
    const order = await orders.update(valid, { completed }, actorOf(context), { kind: "status checked" });
    return { uuid: order.uuid, completed: order.completed };
  };
}
