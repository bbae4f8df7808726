import type { ConnectRouter } from "@connectrpc/connect";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import type { UniversalServerResponse } from "@connectrpc/connect/protocol";

type ConnectErrorJson = { code?: string; message?: string };

/**
 * connect-es decides these before any of our code runs, and answers a fault of the request
 * with a 5xx: a body that is not a protobuf message ("parse binary: …") or does not inflate
 * with the encoding it names ("decompression failed") is INTERNAL/500, where connect-go answers
 * INVALID_ARGUMENT; a compression we do not support is UNIMPLEMENTED/501. That code is what
 * the Connect protocol recommends, and its Accept-Encoding header lists what we do support,
 * so the code stays and only the HTTP status becomes 415, as HTTP says for an unsupported
 * request content coding (RFC 9110 §15.5.16, RFC 7694). Connect clients read the code from
 * the body either way. gRPC and gRPC-Web answer HTTP 200 and keep their codes, as grpc-go's.
 */
function asClientFault(
  error: ConnectErrorJson,
  response: UniversalServerResponse,
): (ConnectErrorJson & { status: number }) | undefined {
  if (error.code === "internal" && /^(parse binary: |decompression failed$)/.test(error.message ?? "")) {
    return { ...error, code: "invalid_argument", status: 400 };
  }
  if (error.code === "unimplemented" && response.header?.has("accept-encoding")) return { ...error, status: 415 };
  return undefined;
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function parseError(body: Buffer): ConnectErrorJson {
  try {
    return JSON.parse(body.toString("utf8")) as ConnectErrorJson;
  } catch {
    return {};
  }
}

/** Gives a Connect unary error answer the 4xx status its cause deserves (see asClientFault). */
async function withClientFaultStatus(response: UniversalServerResponse): Promise<UniversalServerResponse> {
  const { status, header, body } = response;
  // Connect unary errors are one small uncompressed JSON object; gRPC answers are HTTP 200.
  if (status < 500 || !body || header?.get("content-type") !== "application/json" || header.has("content-encoding")) {
    return response;
  }
  const bytes = await readAll(body);
  const fault = asClientFault(parseError(bytes), response);
  if (!fault) return { ...response, body: createAsyncIterable([bytes]) };
  const { status: faultStatus, ...error } = fault;
  const rewritten = Buffer.from(JSON.stringify(error));
  header.set("content-length", String(rewritten.byteLength));
  return { ...response, status: faultStatus, body: createAsyncIterable([rewritten]) };
}

/**
 * Wraps every handler registered on `router` so a malformed request never gets an HTTP 5xx on
 * the Connect protocol. Done on the router, so /api, the gRPC port and the in-process
 * transports all answer alike.
 */
export function answerClientFaultsWith4xx(router: ConnectRouter): void {
  router.handlers.forEach((handler, index) => {
    router.handlers[index] = Object.assign(
      async (...args: Parameters<typeof handler>) => withClientFaultStatus(await handler(...args)),
      handler,
    );
  });
}
