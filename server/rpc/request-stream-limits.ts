import { toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor, StreamRequest } from "@connectrpc/connect";
import { config } from "../config.js";
import { onStreamEnd } from "../observability/on-stream-end";

/** What the request streams of client-streaming and bidi calls may send and hold. */
export type RequestStreamLimits = {
  /** Bytes (protobuf-encoded messages) one call may send in all. */
  maxBytes: number;
  /** Messages one call may send. */
  maxMessages: number;
  /** Bytes all request streams of the process may hold at once: each call's, until it ends. */
  heldMaxBytes: number;
};

export const requestStreamLimits: RequestStreamLimits = {
  maxBytes: config.limits.streamMaxBytes,
  maxMessages: config.limits.streamMaxMessages,
  heldMaxBytes: config.limits.streamsHeldMaxBytes,
};

/** The bytes request streams hold across the process: the Next route and the gRPC port are separate bundles. */
type HeldBytes = { bytes: number };
const shared = globalThis as typeof globalThis & { ordersStreamBytesHeld?: HeldBytes };

function exhausted(message: string): ConnectError {
  return new ConnectError(message, Code.ResourceExhausted);
}

/**
 * Ends a client-streaming or bidi call with RESOURCE_EXHAUSTED once its request stream passes
 * `maxBytes` or `maxMessages`, or once the streams of the whole process would hold more than
 * `heldMaxBytes`. Connect's readMaxBytes caps each message; without this a caller streaming to
 * ClientStream (which keeps every message to answer them all) could fill the heap. A call's
 * bytes count as held until the call ends, whether or not its handler keeps them: the bound
 * then holds for any handler.
 */
export function limitRequestStreams(
  limits: RequestStreamLimits = requestStreamLimits,
  held: HeldBytes = (shared.ordersStreamBytesHeld ??= { bytes: 0 }),
): Interceptor {
  return (next) => {
    const limited = async (request: StreamRequest) => {
      let bytes = 0;
      let messages = 0;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.bytes -= bytes;
      };
      const { method } = request;
      const counted = async function* (incoming: StreamRequest["message"]) {
        try {
          for await (const message of incoming) {
            const size = toBinary(method.input, message).byteLength;
            messages += 1;
            if (messages > limits.maxMessages) {
              throw exhausted(`A request stream may carry at most ${limits.maxMessages} messages.`);
            }
            if (bytes + size > limits.maxBytes) {
              throw exhausted(`A request stream may carry at most ${limits.maxBytes} bytes in all.`);
            }
            if (held.bytes + size > limits.heldMaxBytes) {
              throw exhausted("The server holds as much streamed data as it allows; try again later.");
            }
            bytes += size;
            held.bytes += size;
            yield message;
          }
        } catch (error) {
          release();
          throw error;
        }
      };
      request.signal.addEventListener("abort", release, { once: true });
      try {
        return onStreamEnd(await next({ ...request, message: counted(request.message) }), release);
      } catch (error) {
        release();
        throw error;
      }
    };
    // Unary calls go straight on, without an async layer of this one's.
    return (request) => (request.stream ? limited(request) : next(request));
  };
}
