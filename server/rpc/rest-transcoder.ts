import type { IncomingMessage, ServerResponse } from "node:http";
import { once } from "node:events";
import { create, toJson } from "@bufbuild/protobuf";
import type { DescMethodServerStreaming, DescMethodUnary, DescService, JsonObject, Message } from "@bufbuild/protobuf";
import type { Transport } from "@connectrpc/connect";
import { createAsyncIterable } from "@connectrpc/connect/protocol";
import { HttpBodySchema } from "../../gen/google/api/httpbody_pb";
import type { HttpBody } from "../../gen/google/api/httpbody_pb";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { httpRoutes } from "./http-rules";
import type { HttpRoute } from "./http-rules";
import { readRestRequest } from "./rest-request";
import { restError, restRefusal } from "./rest-error";
import { appLogger } from "../observability/logger";
import { routerOptions } from "./routes";

/** Largest REST body read, as for every other transport. */
const maxBodyBytes = routerOptions.readMaxBytes;

// Request headers that belong to this HTTP exchange, not to the call behind it.
const exchangeHeaders = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "content-type",
  "content-length",
  "content-encoding",
  "accept",
  "accept-encoding",
  // Read into the request's etag (rest-request.ts).
  "if-match",
]);

function callHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || exchangeHeaders.has(name) || name.startsWith("connect-") || name.startsWith("grpc-"))
      continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body, or undefined when it is over the limit (read to its end all the same, so
 * the caller gets the answer instead of a reset connection). */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks);
}

/**
 * Answers and resolves once the answer is out. Next's gzip wraps `end` and finishes later, and
 * the API guard takes a handler that returned with its answer unfinished for a broken one.
 */
function send(
  response: ServerResponse,
  status: number,
  body: JsonObject,
  headers: Headers = new Headers(),
): Promise<void> {
  headers.forEach((value, name) => {
    if (!exchangeHeaders.has(name)) response.setHeader(name, value);
  });
  const finished = new Promise<void>((resolve) => {
    response.once("finish", resolve);
    response.once("close", resolve);
  });
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
  return finished;
}

/**
 * Streams a method's google.api.HttpBody messages as the answer's bytes, taking the next only
 * once the socket has taken the last (backpressure: the handler reads no further ahead). An
 * error before the first chunk is an ordinary error answer; after it, the connection is cut,
 * so a truncated file never looks complete.
 */
async function sendStream(
  transport: Transport,
  method: DescMethodServerStreaming,
  input: Message,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  const onClose = () => abort.abort();
  response.once("close", onClose);
  try {
    const result = await transport.stream(
      method,
      abort.signal,
      undefined,
      callHeaders(request),
      createAsyncIterable([input]),
    );
    let started = false;
    for await (const chunk of result.message as AsyncIterable<HttpBody>) {
      if (!started) {
        result.header.forEach((value, name) => {
          if (!exchangeHeaders.has(name)) response.setHeader(name, value);
        });
        // no-transform: Next's gzip (and proxies) leave the stream alone, so each chunk goes out as
        // written and the socket's backpressure reaches this loop; an export is never cached.
        response.setHeader("Cache-Control", "no-store, no-transform");
        response.writeHead(200, { "Content-Type": chunk.contentType || "application/octet-stream" });
        started = true;
      }
      if (!response.write(chunk.data)) await once(response, "drain", { signal: abort.signal });
    }
    if (!started) response.writeHead(200, { "Content-Type": "application/octet-stream" });
    const finished = new Promise<void>((resolve) => response.once("finish", resolve));
    response.end();
    await finished;
  } catch (error) {
    if (abort.signal.aborted) return;
    if (response.headersSent) {
      appLogger().warn({ procedure: method.toString(), err: error }, "REST stream ended by an error after it started");
      response.destroy();
      return;
    }
    throw error;
  } finally {
    response.off("close", onClose);
  }
}

function find(routes: HttpRoute[], verb: string, path: string) {
  const matching = routes.flatMap((route) => {
    const match = route.pattern.exec(path);
    return match ? [{ route, values: match.slice(1) }] : [];
  });
  return { found: matching.find(({ route }) => route.verb === verb), allowed: matching.map(({ route }) => route.verb) };
}

/**
 * Serves the services' `google.api.http` routes as REST with proto3 JSON (Google AIP-127):
 * each call is built from path, query and body, then made through an in-process Connect
 * transport on the same routes, so it passes the same interceptors (credentials, logs,
 * traces, error mapping) as every other transport.
 */
export function createRestTranscoder(services: readonly DescService[], routes: (router: ConnectRouter) => void) {
  const restRoutes = httpRoutes(services);
  const transport = createRouterTransport(routes, { router: routerOptions });

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", "http://rest.invalid");
    const { found, allowed } = find(restRoutes, request.method ?? "GET", url.pathname);
    if (!found) {
      if (allowed.length === 0)
        return send(response, 404, restRefusal(404, Code.NotFound, `no route for ${url.pathname}`));
      response.setHeader("Allow", [...new Set(allowed)].join(", "));
      return send(
        response,
        405,
        restRefusal(405, Code.Unimplemented, `${request.method} is not allowed on ${url.pathname}`),
      );
    }
    const { route, values } = found;
    const bytes = await readBody(request);
    if (bytes === undefined) {
      return send(
        response,
        413,
        restRefusal(413, Code.ResourceExhausted, `the request body is larger than ${maxBodyBytes} bytes`),
      );
    }
    const body = route.rawBodyField ? "" : bytes.toString("utf8");
    if (
      route.bodyFields.length > 0 &&
      body.trim() !== "" &&
      !/^application\/json\s*(;|$)/i.test(request.headers["content-type"] ?? "")
    ) {
      return send(
        response,
        415,
        restRefusal(415, Code.InvalidArgument, "the request body must be JSON (Content-Type: application/json)"),
      );
    }
    try {
      const input = readRestRequest(route, values, url.searchParams, body, request.headers["if-match"]);
      if (route.rawBodyField) {
        // google.api.HttpBody: the bytes as sent, with their type.
        const contentType = request.headers["content-type"] ?? "";
        (input as unknown as Record<string, unknown>)[route.rawBodyField.localName] = create(HttpBodySchema, {
          contentType,
          data: bytes,
        });
      }
      if (route.rawAnswer) {
        return await sendStream(transport, route.method as DescMethodServerStreaming, input, request, response);
      }
      const method = route.method as DescMethodUnary;
      const result = await transport.unary(method, undefined, undefined, callHeaders(request), input);
      await send(
        response,
        200,
        toJson(method.output, result.message, { alwaysEmitImplicit: true }) as JsonObject,
        result.header,
      );
    } catch (error) {
      // Calls answer ConnectErrors (mapped by the routes' interceptor); anything else is our bug.
      if (!(error instanceof ConnectError)) {
        appLogger().error({ procedure: route.method.toString(), err: error }, "unexpected REST transcoding error");
      }
      const connectError = error instanceof ConnectError ? error : new ConnectError("Internal error.", Code.Internal);
      const { status, body: errorBody } = restError(connectError);
      await send(response, status, errorBody, connectError.metadata);
    }
  };
}
