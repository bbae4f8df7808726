import { encodeGrpcWebText, GrpcWebTextDecoder } from "./grpc-web-text-codec";
import { hookResponse, mediaType } from "./node-response-hooks";
import type { NodeHandler, NodeRequest, NodeResponse } from "./node-response-hooks";

// application/grpc-web-text, optionally +proto or +json.
const textMediaType = /^application\/grpc-web-text(\+proto|\+json)?$/;

/**
 * Accepts gRPC-Web's text mode (base64 framing, `application/grpc-web-text`), the default
 * of protoc-gen-grpc-web clients and what Envoy and other gRPC-Web proxies accept.
 *
 * connect-es serves only binary gRPC-Web: its handler recognises the text content type and
 * answers 415. So, before connect's handler: the request says binary gRPC-Web and its body
 * is decoded from base64 as it arrives; the response says text again and each chunk connect
 * writes (one frame: a message or the trailers) is sent as its own padded base64 segment, as
 * the gRPC-Web spec allows, so a streamed message reaches the browser as soon as it is produced.
 */
export function withGrpcWebText<Request extends NodeRequest, Response extends NodeResponse>(
  handler: NodeHandler<Request, Response>,
): NodeHandler<Request, Response> {
  return (request, response) => {
    const match = textMediaType.exec(mediaType(request));
    if (!match) return handler(request, response);
    const format = match[1] ?? "+proto";
    request.headers["content-type"] = `application/grpc-web${format}`;
    decodeBody(request);
    hookResponse(response, {
      headers: (headers) => {
        const type = headers["content-type"];
        if (typeof type === "string" && type.startsWith("application/grpc-web+")) {
          headers["content-type"] = `application/grpc-web-text${format}`;
        }
      },
      body: encodeGrpcWebText,
    });
    return handler(request, response);
  };
}

/** Replaces the body connect-node iterates with its base64-decoded bytes. */
function decodeBody(request: NodeRequest): void {
  const chunks = request[Symbol.asyncIterator].bind(request) as () => AsyncIterator<Buffer | string>;
  async function* decoded(): AsyncGenerator<Uint8Array> {
    const decoder = new GrpcWebTextDecoder();
    const iterator = chunks();
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      const bytes = decoder.push(typeof next.value === "string" ? next.value : next.value.toString("latin1"));
      if (bytes.length > 0) yield bytes;
    }
    decoder.end();
  }
  Object.defineProperty(request, Symbol.asyncIterator, { value: decoded, configurable: true });
}
