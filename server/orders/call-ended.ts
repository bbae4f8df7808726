import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";

/**
 * Why the call has ended, or undefined while it goes on. The deadline counts by the clock,
 * not only by the signal, whose timer may lag on a busy machine. A shutdown's UNAVAILABLE
 * and a deadline or cancel are passed on as they are; a stream the client reset
 * (connect-node reports it as an INTERNAL stream error) is CANCELED.
 */
export function callEndedError(context: HandlerContext): ConnectError | undefined {
  const left = context.timeoutMs();
  if (left !== undefined && left <= 0) return new ConnectError("the operation timed out", Code.DeadlineExceeded);
  if (!context.signal.aborted) return undefined;
  const reason: unknown = context.signal.reason;
  return reason instanceof ConnectError && reason.code !== Code.Internal
    ? reason
    : new ConnectError("The call was cancelled.", Code.Canceled);
}

/**
 * Throws when the call has ended before the handler's next step (a write, or waiting on the
 * chain): the caller already saw a failure and may retry, so nothing more may change.
 */
export function throwIfCallEnded(context: HandlerContext): void {
  const ended = callEndedError(context);
  if (ended) throw ended;
}
