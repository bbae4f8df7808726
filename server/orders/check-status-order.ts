import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import type { CheckStatusOrderRequest, CheckStatusOrderResponseSchema } from "../../gen/check/check_pb";
import type { CheckClient } from "../check/check-client";
import type { Store } from "../db/store";
import { requestIdHeader, requestIdKey } from "../observability/request-context";
import { validUuid } from "./order-mapping";

// The caller's credentials, as it sent them: the checker requires them too, and so acts for the
// same caller (a session cookie passes as well: a server-to-server call sends no Origin).
const credentialHeaders = ["rpc-auth", "authorization", "cookie"];

/**
 * What the chain's call carries besides the request: the caller's credentials, and the request
 * id, so both log lines of one check share it.
 */
function forwardedHeaders(context: HandlerContext): Headers {
  const headers = new Headers();
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
// a generic UNAVAILABLE whose cause stays in the server log. Never the far end's headers.
const passedOn = new Set([Code.NotFound, Code.InvalidArgument, Code.DeadlineExceeded, Code.Canceled]);

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
// Whether the caller's deadline has passed (or the call was cancelled): the timer that aborts
// the signal may lag behind the clock on a busy machine, so the remaining time counts too.
function pastDeadline(context: HandlerContext): boolean {
  const left = context.timeoutMs();
  return context.signal.aborted || (left !== undefined && left <= 0);
}

// What a call that ended early answers: DEADLINE_EXCEEDED once its deadline has passed, else
// CANCELED (the caller went away: its client may have reset the stream on its own, earlier
// deadline, which connect-node reports as an INTERNAL stream error).
function afterDeadline(context: HandlerContext): ConnectError {
  const left = context.timeoutMs();
  if (left !== undefined && left <= 0) return new ConnectError("the operation timed out", Code.DeadlineExceeded);
  const reason: unknown = context.signal.reason;
  const ended =
    reason instanceof ConnectError && (reason.code === Code.DeadlineExceeded || reason.code === Code.Canceled);
  return ended ? reason : new ConnectError("the call was cancelled", Code.Canceled);
}

export function createCheckStatusOrder({ orders }: Pick<Store, "orders">, checker: CheckClient) {
  return async function checkStatusOrder(
    { uuid }: CheckStatusOrderRequest,
    context: HandlerContext,
  ): Promise<MessageInitShape<typeof CheckStatusOrderResponseSchema>> {
    const valid = validUuid(uuid);
    if (pastDeadline(context)) throw afterDeadline(context);
    const status = await checker
      .checkStatusOrder(
        { uuid: valid },
        { timeoutMs: context.timeoutMs(), signal: context.signal, headers: forwardedHeaders(context) },
      )
      .catch((error: unknown) => {
        // Past the caller's deadline the far end's answer no longer matters, whatever it was
        // (on a busy machine the call may fail in connecting rather than at the far end).
        if (pastDeadline(context)) throw afterDeadline(context);
        throw fromChecker(ConnectError.from(error));
      });
    // A late answer must not change the order: the caller has already been told the call failed.
    if (pastDeadline(context)) throw afterDeadline(context);
    const completed = status.completed ?? false;
    const order = await orders.update(valid, { completed });
    return { uuid: order.uuid, completed: order.completed };
  };
}
