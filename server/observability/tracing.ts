import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { TracerProvider } from "@opentelemetry/sdk-trace";
import type { SpanProcessor } from "@opentelemetry/sdk-trace";

/** The instrumentation scope of every span this app creates. */
export const tracerName = "orders-rpc";

// On globalThis: the route, the gRPC listener and instrumentation.ts are separate bundles.
const shared = globalThis as typeof globalThis & { ordersTracingStarted?: boolean };

/**
 * Whether startTracing has run in this process. Until then every span is a no-op, so the
 * server interceptor skips the span, the context and the header parsing altogether.
 */
export const tracingStarted = (): boolean => shared.ordersTracingStarted === true;

/**
 * Registers the OpenTelemetry SDK globally: spans from `processors`, context carried across
 * awaits by AsyncLocalStorage, W3C `traceparent` in and out. Until this runs, the API's no-op
 * tracer makes every span in the interceptors a shared non-recording object: tracing off
 * costs a few property reads per call. Returns the provider, whose `shutdown()` flushes.
 */
export function startTracing(processors: SpanProcessor[], serviceName: string): TracerProvider {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: processors,
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  shared.ordersTracingStarted = true;
  return provider;
}

/** Starts tracing with a batching OTLP/HTTP exporter to `endpoint` (`/v1/traces` under it). */
export async function startOtlpTracing(endpoint: string, serviceName: string): Promise<TracerProvider> {
  // Loaded only when an endpoint is configured: the exporter is not needed otherwise.
  const [{ OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/sdk-trace"),
  ]);
  const exporter = new OTLPTraceExporter({ url: `${endpoint}/v1/traces` });
  return startTracing([new BatchSpanProcessor({ exporter })], serviceName);
}
