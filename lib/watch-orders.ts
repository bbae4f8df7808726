import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Transport } from "@connectrpc/connect";
import { OrderService, WatchOrdersResponse_ResetSchema } from "@/gen/order/order_pb";
import type { WatchOrdersResponse } from "@/gen/order/order_pb";

/**
 * "connecting" until the first message, "live" while messages arrive, "reconnecting" after the
 * stream broke, "signed-out" once the server ended it or refused it for want of a live sign-in.
 */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "signed-out";

const firstRetryMs = 500;
const maxRetryMs = 5_000;

/** Resolves after `ms`, or at once when the browser comes back online or the watch stops. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener("online", done);
    signal.addEventListener("abort", done);
  });
}

/**
 * Keeps one WatchOrders stream open until `signal` aborts: every message goes to `onMessage`,
 * and a stream that ends, fails, or stays silent for 2.5 heartbeats is opened again after a
 * pause (0.5 s, doubling to 5 s), from the last cursor seen, so nothing in between is lost.
 * UNAUTHENTICATED (signed out, the account removed, the session expired) is final: the status
 * becomes "signed-out" and nothing is retried, since no retry can succeed without a new sign-in.
 */
export async function watchOrders({
  transport,
  heartbeatMs,
  signal,
  onMessage,
  onStatus,
}: {
  transport: Transport;
  /** How often the server sends a heartbeat while nothing changes. */
  heartbeatMs: number;
  signal: AbortSignal;
  onMessage: (message: WatchOrdersResponse) => void;
  onStatus: (status: LiveStatus) => void;
}): Promise<void> {
  let afterCursor = 0n;
  let retryMs = firstRetryMs;
  // Failed before any cursor was known: the stream that finally opens starts from now, and
  // what changed since the page was loaded is missed. Its first message then counts as a reset.
  let gapUnknown = false;
  while (!signal.aborted) {
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    signal.addEventListener("abort", stop);
    let silence: ReturnType<typeof setTimeout> | undefined;
    const expectMore = () => {
      clearTimeout(silence);
      silence = setTimeout(stop, heartbeatMs * 2.5);
    };
    try {
      expectMore();
      // The transport itself rather than createClient, whose async-iterable helpers would add
      // several kB to every page's first load.
      // eslint-disable-next-line @typescript-eslint/require-await -- one message, as the transport takes it
      const request = (async function* () {
        yield { afterCursor };
      })();
      const response = await transport.stream(
        OrderService.method.watchOrders,
        attempt.signal,
        undefined,
        undefined,
        request,
      );
      for await (const message of response.message) {
        expectMore();
        afterCursor = message.cursor;
        retryMs = firstRetryMs;
        onStatus("live");
        if (gapUnknown)
          onMessage({ ...message, event: { case: "reset", value: create(WatchOrdersResponse_ResetSchema) } });
        else onMessage(message);
        gapUnknown = false;
      }
    } catch (error) {
      if (ConnectError.from(error).code === Code.Unauthenticated && !signal.aborted) {
        onStatus("signed-out");
        return;
      }
      // Ended, refused or cut off: opened again below.
    } finally {
      clearTimeout(silence);
      signal.removeEventListener("abort", stop);
    }
    if (signal.aborted) return;
    if (afterCursor === 0n) gapUnknown = true;
    onStatus("reconnecting");
    await pause(retryMs, signal);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }
}
