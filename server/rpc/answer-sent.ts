import { createContextValues } from "@connectrpc/connect";
import type { ContextValues } from "@connectrpc/connect";
import { processContextKey } from "./process-context-key";
import type { NodeRequest, NodeResponse } from "./node-response-hooks";

/**
 * Aborted once the transport has sent the whole answer, or the connection closed. That is
 * later than the call's own signal, which Connect aborts as soon as the answer is encoded,
 * before it is compressed and written, while the answer's message is still held. Undefined
 * for calls in process, which have no transport.
 */
export const answerSentKey = processContextKey<AbortSignal | undefined>("answer sent", undefined);

/**
 * The connection a call arrived on (the socket for HTTP/1.1, the session for HTTP/2), for
 * limits per connection. Undefined in process.
 */
export const connectionKey = processContextKey<object | undefined>("connection", undefined);

type Closable = { once(event: "close", listener: () => void): unknown };

// One reason for every answer: abort() without one builds a DOMException with a stack trace
// per call (about 1 % of a ReadOrder's CPU through /api), and nothing reads the reason.
const answerClosed = Object.freeze(new Error("answer sent or connection closed"));

function closed(closable: Closable): AbortSignal {
  const controller = new AbortController();
  closable.once("close", () => controller.abort(answerClosed));
  return controller.signal;
}

// HTTP/1.1 requests have no link to their response, so the route notes it on the way in.
const responses = new WeakMap<NodeRequest, AbortSignal>();

/** A Next API handler that notes when each response closes, for answerSentValues. */
export function withAnswerTracking<Request extends NodeRequest, Response extends NodeResponse>(
  handler: (request: Request, response: Response) => unknown,
): (request: Request, response: Response) => unknown {
  return (request, response) => {
    responses.set(request, closed(response));
    return handler(request, response);
  };
}

/** connect-node's and connect-next's `contextValues`: answerSentKey and connectionKey for each call. */
export function answerSentValues(request: NodeRequest): ContextValues {
  const sent = responses.get(request) ?? ("stream" in request ? closed(request.stream) : undefined);
  const connection: object | undefined = "stream" in request ? request.stream.session : request.socket;
  return createContextValues().set(answerSentKey, sent).set(connectionKey, connection);
}
