import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Span, TextMapGetter, TextMapSetter } from "@opentelemetry/api";
import { onStreamEnd } from "./on-stream-end";
import { tracerName, tracingStarted } from "./tracing";

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};
const headerSetter: TextMapSetter<Headers> = { set: (headers, key, value) => headers.set(key, value) };

type RpcRequest = Parameters<Parameters<Interceptor>[0]>[0];

// Semantic conventions for RPC spans: rpc.system is "grpc" for gRPC and gRPC-Web,
// "connect_rpc" for the Connect protocol; the status code is gRPC's number (0 = OK).
function rpcAttributes(request: RpcRequest, contentType: string | null) {
  return {
    "rpc.system": contentType?.startsWith("application/grpc") ? "grpc" : "connect_rpc",
    "rpc.service": request.service.typeName,
    "rpc.method": request.method.name,
  };
}

function finish(span: Span, error?: unknown): void {
  if (error === undefined) {
    span.setAttribute("rpc.grpc.status_code", 0);
  } else {
    const connectError = ConnectError.from(error);
    span.setAttribute("rpc.grpc.status_code", connectError.code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: Code[connectError.code] });
  }
  span.end();
}

function traced(
  kind: SpanKind,
  request: RpcRequest,
  contentType: string | null,
  call: () => ReturnType<ReturnType<Interceptor>>,
) {
  const tracer = trace.getTracer(tracerName);
  const name = `${request.service.typeName}/${request.method.name}`;
  return tracer.startActiveSpan(name, { kind, attributes: rpcAttributes(request, contentType) }, async (span) => {
    try {
      return onStreamEnd(await call(), (error) => finish(span, error));
    } catch (error) {
      finish(span, error);
      throw error;
    }
  });
}

/**
 * A server span per call, on every transport, child of the caller's W3C `traceparent` when
 * it sent one (else of the span already active, such as Next's own for the request). Sits
 * inside the logging interceptor and outside error mapping, so the status code it records is
 * the one the caller receives. Skipped while tracing is not started (no SDK: every span would
 * be a no-op).
 */
export const traceServerCalls: Interceptor = (next) => (request) =>
  !tracingStarted()
    ? next(request)
    : context.with(propagation.extract(context.active(), request.header, headerGetter), () =>
        traced(SpanKind.SERVER, request, request.header.get("content-type"), () => next(request)),
      );

/** For clients: a client span per call, and its context sent along as `traceparent`. */
export function traceClientCalls(contentType: string): Interceptor {
  return (next) => (request) =>
    traced(SpanKind.CLIENT, request, contentType, () => {
      propagation.inject(context.active(), request.header, headerSetter);
      return next(request);
    });
}
