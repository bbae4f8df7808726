import type { Http2SecureServer, Http2Server, Http2Session, ServerHttp2Stream } from "node:http2";
import { constants } from "node:http2";

/** What one HTTP/2 client may hold on the gRPC port. */
export type Http2Limits = {
  /** A connection with no frames in either direction for this long is closed. */
  idleTimeoutMs: number;
  /** A new connection must open its first stream (send complete headers) within this. */
  headersTimeoutMs: number;
  /** A request body must arrive in full within this, however slowly it trickles. */
  requestBodyTimeoutMs: number;
  /** Streams one connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
  maxConcurrentStreams: number;
  /**
   * Streams a client may reset (RST_STREAM before the answer) within `resetWindowMs` on one
   * connection; past it the connection ends with GOAWAY ENHANCE_YOUR_CALM (the "rapid reset"
   * flood, CVE-2023-44487, makes the server start work for streams it never finishes).
   */
  maxResetsPerWindow: number;
  resetWindowMs: number;
  /** Invalid frames (Node's maxSessionInvalidFrames) and refused streams tolerated per connection. */
  maxInvalidFrames: number;
  maxRejectedStreams: number;
};

/**
 * Every RPC here is a small unary call answered in milliseconds, so these are generous for
 * honest clients and short for a client that opens connections or streams and then stalls:
 * Node's HTTP/2 server has no timeouts of its own and allows 2^32-1 streams per connection.
 */
export const http2Limits: Http2Limits = {
  idleTimeoutMs: 5 * 60_000,
  headersTimeoutMs: 10_000,
  requestBodyTimeoutMs: 30_000,
  maxConcurrentStreams: 100,
  maxResetsPerWindow: 200,
  resetWindowMs: 10_000,
  maxInvalidFrames: 100,
  maxRejectedStreams: 100,
};

/** Server options carrying the limits HTTP/2 advertises to clients in its SETTINGS frame. */
export function http2ServerSettings(limits: Http2Limits = http2Limits) {
  return {
    settings: { maxConcurrentStreams: limits.maxConcurrentStreams },
    maxSessionInvalidFrames: limits.maxInvalidFrames,
    maxSessionRejectedStreams: limits.maxRejectedStreams,
  };
}

function limitStream(stream: ServerHttp2Stream, limits: Http2Limits): void {
  // A stream that ends with an error code was reset, nearly always by the client (a cancel, a
  // deadline, a flood): "aborted" alone would miss resets that arrive after a quick answer.
  // Taken now: a closed stream no longer knows its session.
  const session = stream.session;
  stream.once("close", () => {
    if (session && stream.rstCode !== constants.NGHTTP2_NO_ERROR) countReset(session, limits);
  });
  if (stream.readableEnded) return;
  // Absolute, not an idle timer: a client sending one byte every few seconds would reset one.
  const timer = setTimeout(() => {
    if (!stream.readableEnded && !stream.destroyed) stream.close(constants.NGHTTP2_CANCEL);
  }, limits.requestBodyTimeoutMs);
  timer.unref();
  stream.once("end", () => clearTimeout(timer));
  stream.once("close", () => clearTimeout(timer));
}

// Resets counted per connection, in the window that started with the first of them.
const resets = new WeakMap<Http2Session, { since: number; count: number }>();

function calmDown(session: Http2Session): void {
  if (session.closed || session.destroyed) return;
  session.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM);
  // Streams the client opens after the GOAWAY are refused; close() waits for those still open
  // (reset ones end at once), and destroying too early would drop the GOAWAY behind other
  // frames. A client that holds its streams open anyway loses them after a second.
  session.close();
  setTimeout(() => session.destroy(), 1_000).unref();
}

function countReset(session: Http2Session, limits: Http2Limits): void {
  const now = Date.now();
  let seen = resets.get(session);
  if (!seen || now - seen.since > limits.resetWindowMs) resets.set(session, (seen = { since: now, count: 0 }));
  seen.count += 1;
  if (seen.count > limits.maxResetsPerWindow) calmDown(session);
}

function limitSession(session: Http2Session, limits: Http2Limits): void {
  const firstHeaders = setTimeout(() => session.destroy(), limits.headersTimeoutMs);
  firstHeaders.unref();
  session.once("stream", () => clearTimeout(firstHeaders));
  session.once("close", () => clearTimeout(firstHeaders));
  // Without a listener Node destroys nothing on timeout; GOAWAY lets a client reconnect cleanly.
  session.setTimeout(limits.idleTimeoutMs, () => session.close());
}

/** Applies the idle, header and body timeouts to every connection and stream of `server`. */
export function applyHttp2Limits(server: Http2Server | Http2SecureServer, limits: Http2Limits = http2Limits): void {
  server.on("session", (session: Http2Session) => limitSession(session, limits));
  server.on("stream", (stream: ServerHttp2Stream) => limitStream(stream, limits));
}
