import type { IncomingMessage } from "node:http";
import { config } from "../config.js";

/** How long, and how many bytes, the unread rest of a request body is read and dropped after the answer. */
export type LingerLimits = { ms: number; maxBytes: number };

export const lingerLimits: LingerLimits = {
  ms: config.limits.lingerMs,
  maxBytes: config.limits.lingerMaxBytes,
};

/**
 * Over HTTP/1.1 the server may answer before it has read the request: a body over 1 MiB gets
 * RESOURCE_EXHAUSTED as soon as its length or its first envelope says so. Connect stops
 * reading it by returning from Node's async iterator, which destroys the request, and closing a
 * socket with unread bytes sends a TCP reset. A client that writes its whole body before it
 * reads (Python's http.client, a browser's fetch or XHR) then gets "connection reset" instead of
 * the answer. Here the iterator leaves the request open; see {@link lingerOverUnreadBody}.
 */
export function keepRequestOpenOnEarlyAnswer(request: IncomingMessage): void {
  if (request.httpVersionMajor !== 1) return;
  Object.defineProperty(request, Symbol.asyncIterator, {
    configurable: true,
    value: () => request.iterator({ destroyOnReturn: false }),
  });
}

/**
 * After the answer: reads and drops what is left of the request body, as nginx's lingering
 * close does, so the client reads the answer and the connection may serve its next request.
 * Bounded, since nobody needs credentials to be answered early: past `ms` or `maxBytes` the
 * request and its connection are destroyed.
 */
export function lingerOverUnreadBody(request: IncomingMessage, limits: LingerLimits = lingerLimits): void {
  if (request.httpVersionMajor !== 1 || request.complete || request.destroyed) return;
  let bytes = 0;
  const cut = () => request.destroy();
  const timer = setTimeout(cut, limits.ms);
  timer.unref();
  request.on("data", (chunk: Buffer) => {
    bytes += chunk.byteLength;
    if (bytes > limits.maxBytes) cut();
  });
  request.once("close", () => clearTimeout(timer));
  request.resume();
}
