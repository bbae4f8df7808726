import { connect } from "node:http2";
import type {
  ClientHttp2Session,
  IncomingHttpHeaders,
  IncomingHttpStatusHeader,
  OutgoingHttpHeaders,
} from "node:http2";
import { gzipSync } from "node:zlib";

/** How the server answered one raw request: the HTTP status and the RPC code it carried. */
export type RawAnswer = { status: number; code: string };

const answerWithinMs = 15_000;

/** gRPC status numbers by name, as Connect writes codes in JSON. */
const grpcCodeNames = [
  "ok",
  "canceled",
  "unknown",
  "invalid_argument",
  "deadline_exceeded",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unimplemented",
  "internal",
  "unavailable",
  "data_loss",
  "unauthenticated",
];

export function grpcCodeName(status: string | number | undefined): string {
  return status === undefined ? "none" : (grpcCodeNames[Number(status)] ?? `grpc-status ${status}`);
}

/** A length-prefixed message as gRPC and gRPC-Web frame it; every part may be forged. */
export function envelope(payload: Uint8Array, { flags = 0, declaredLength = payload.length } = {}): Buffer {
  const frame = Buffer.alloc(5 + payload.length);
  frame.writeUInt8(flags, 0);
  frame.writeUInt32BE(declaredLength >>> 0, 1);
  Buffer.from(payload).copy(frame, 5);
  return frame;
}

export const gzip = (bytes: Uint8Array) => gzipSync(bytes);

/** A Connect unary request over HTTP/1.1; the code comes from the JSON error body, if any. */
export async function connectPost(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : Buffer.from(body),
    signal: AbortSignal.timeout(answerWithinMs),
  });
  const text = await response.text();
  if (response.ok) return { status: response.status, code: "ok" };
  try {
    return { status: response.status, code: (JSON.parse(text) as { code?: string }).code ?? `http ${response.status}` };
  } catch {
    return { status: response.status, code: `http ${response.status}` };
  }
}

/** A gRPC-Web request over HTTP/1.1; the status is in the headers or the body's trailer frame. */
export async function grpcWebPost(url: string, body: Uint8Array, headers: Record<string, string>): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: Buffer.from(body),
    signal: AbortSignal.timeout(answerWithinMs),
  });
  const text = Buffer.from(await response.arrayBuffer()).toString("latin1");
  const status = response.headers.get("grpc-status") ?? /grpc-status: ?(\d+)/.exec(text)?.[1];
  return { status: response.status, code: status === undefined ? `http ${response.status}` : grpcCodeName(status) };
}

/** A gRPC request on an HTTP/2 session; the status is in the headers (trailers-only) or trailers. */
export function grpcPost(
  session: ClientHttp2Session,
  headers: OutgoingHttpHeaders,
  body: Uint8Array,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const stream = session.request({ ":method": "POST", ...headers });
    let status = 0;
    let grpcStatus: string | undefined;
    const take = (fields: IncomingHttpHeaders & IncomingHttpStatusHeader) => {
      if (fields[":status"] !== undefined) status = Number(fields[":status"]);
      if (fields["grpc-status"] !== undefined) grpcStatus = String(fields["grpc-status"]);
    };
    stream.setTimeout(answerWithinMs, () => stream.close());
    stream.on("response", take);
    stream.on("trailers", take);
    stream.on("error", () => {});
    stream.on("close", () =>
      resolve({ status, code: grpcStatus !== undefined ? grpcCodeName(grpcStatus) : `reset (RST ${stream.rstCode})` }),
    );
    stream.resume();
    stream.end(body);
  });
}

export function http2Session(url: string): ClientHttp2Session {
  const session = connect(url);
  session.on("error", () => {});
  return session;
}
