import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";

/** The Node request objects connect-node and connect-next read (HTTP/1.1 and HTTP/2). */
export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;
/** A Node request listener; connect-node's adapter returns nothing, connect-next's a promise. */
export type NodeHandler<Request extends NodeRequest, Response extends NodeResponse> = (
  request: Request,
  response: Response,
) => unknown;

export type ResponseHooks = {
  /** Sees (and may change in place) every header the response is about to send. */
  headers?: (headers: OutgoingHttpHeaders) => void;
  /** Turns each body chunk, in order, into what goes on the wire. */
  body?: (chunk: Uint8Array) => Uint8Array | string;
  /** Sees (and may change in place) the HTTP/2 trailers. */
  trailers?: (trailers: OutgoingHttpHeaders) => void;
};

type Callback = (error?: Error | null) => void;
// The members patched below, typed once for both response classes.
type Patchable = {
  writeHead: (status: number, ...rest: unknown[]) => unknown;
  write: (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
  end: (chunk?: unknown, encoding?: unknown, callback?: unknown) => unknown;
  addTrailers: (trailers: OutgoingHttpHeaders) => void;
  getHeaders: () => OutgoingHttpHeaders;
};

function toBytes(chunk: unknown, encoding: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

/**
 * Intercepts what a handler writes to a Node response: the methods connect-node's
 * universalResponseToNodeResponse calls (writeHead, write, end, addTrailers) are replaced
 * on this one response object, so the handler itself stays connect's, unmodified.
 */
export function hookResponse(response: NodeResponse, hooks: ResponseHooks): void {
  const target = response as unknown as Patchable;
  const { writeHead, write, end, addTrailers } = target;
  const { headers, body, trailers } = hooks;
  if (headers) {
    target.writeHead = (status, ...rest) => {
      const last = rest.at(-1);
      const given = typeof last === "object" && last !== null ? (last as OutgoingHttpHeaders) : {};
      // Headers set earlier with setHeader() count too; writeHead's own take precedence.
      const all = { ...target.getHeaders(), ...given };
      headers(all);
      const message = typeof rest[0] === "string" ? [rest[0]] : [];
      return writeHead.call(response, status, ...message, all);
    };
  }
  if (body) {
    target.write = (chunk, encoding, callback) => {
      const cb = (typeof encoding === "function" ? encoding : callback) as Callback | undefined;
      return write.call(response, body(toBytes(chunk, encoding)), cb);
    };
    target.end = (chunk, encoding, callback) => {
      if (chunk === undefined || typeof chunk === "function") return end.call(response, chunk);
      const cb = (typeof encoding === "function" ? encoding : callback) as Callback | undefined;
      return end.call(response, body(toBytes(chunk, encoding)), cb);
    };
  }
  if (trailers) {
    target.addTrailers = (given) => {
      const copy = { ...given };
      trailers(copy);
      addTrailers.call(response, copy);
    };
  }
}

/** The request's content type, lower-cased, without parameters. */
export function mediaType(request: NodeRequest): string {
  return (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}
