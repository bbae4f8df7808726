import { hookResponse } from "./node-response-hooks";
import type { NodeHandler, NodeRequest, NodeResponse } from "./node-response-hooks";

// Connect's streaming content types (application/connect+json, +proto) and every gRPC-Web one:
// their bodies are a sequence of messages, each to be delivered as soon as it is written.
const streamingType = /^application\/(connect\+|grpc-web)/i;

/**
 * Marks streamed answers so nothing between the handler and the caller holds them back:
 * `next start` gzips any "+json" response and a gzip stream emits nothing until it has
 * gathered about 16 KiB, so a heartbeat would never arrive; `Cache-Control: no-transform`
 * turns that (and compressing proxies) off, and `X-Accel-Buffering: no` nginx's buffering.
 * Streams compress per message instead, when the client asks (connect-accept-encoding).
 */
export function withUnbufferedStreams<Request extends NodeRequest, Response extends NodeResponse>(
  handler: NodeHandler<Request, Response>,
): NodeHandler<Request, Response> {
  return (request, response) => {
    // A streamed answer comes only for a streaming request, of the same family of types: the
    // unary calls (most, and every browser GET) skip the hook and its copy of the headers.
    if (!streamingType.test(request.headers["content-type"] ?? "")) return handler(request, response);
    hookResponse(response, {
      headers: (headers) => {
        if (!streamingType.test(String(headers["content-type"] ?? ""))) return;
        headers["cache-control"] = "no-transform";
        headers["x-accel-buffering"] = "no";
      },
    });
    return handler(request, response);
  };
}
