import { GrpcWebTrailerRewriter, respecGrpcMessageHeader } from "./grpc-status-message";
import { hookResponse, mediaType } from "./node-response-hooks";
import type { NodeHandler, NodeRequest, NodeResponse } from "./node-response-hooks";

/**
 * Sends grpc-message encoded as the gRPC spec says (see grpc-status-message.ts for why
 * connect-es's own encoding needs this), in HTTP/2 trailers, trailers-only headers and
 * gRPC-Web trailer frames alike. Put it inside withGrpcWebText, so it sees binary frames.
 */
export function withGrpcStatusMessages<Request extends NodeRequest, Response extends NodeResponse>(
  handler: NodeHandler<Request, Response>,
): NodeHandler<Request, Response> {
  return (request, response) => {
    const type = mediaType(request);
    if (!type.startsWith("application/grpc")) return handler(request, response);
    const web = type.startsWith("application/grpc-web");
    const frames = web ? new GrpcWebTrailerRewriter() : undefined;
    hookResponse(response, {
      headers: respecGrpcMessageHeader,
      trailers: respecGrpcMessageHeader,
      ...(frames && { body: (chunk: Uint8Array) => frames.push(chunk) }),
    });
    return handler(request, response);
  };
}
