import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";

/**
 * Throws when the call has ended before the handler's next step (a write, or waiting on the
 * chain): the caller already saw a failure and may retry, so nothing more may change.
 * The deadline counts by the clock, not only by the signal, whose timer may lag on a busy
 * machine. A shutdown's UNAVAILABLE and a deadline or cancel are passed on as they are; a
 * stream the client reset (connect-node reports it as an INTERNAL stream error) is CANCELED.
 */
export function throwIfCallEnded(context: HandlerContext): void {
  const left = context.timeoutMs();
  if (left !== undefined && left <= 0) throw new ConnectError("the operation timed out", Code.DeadlineExceeded);
  if (!context.signal.aborted) return;
  const reason: unknown = context.signal.reason;
  throw reason instanceof ConnectError && reason.code !== Code.Internal
    ? reason
    : new ConnectError("The call was cancelled.", Code.Canceled);
}
