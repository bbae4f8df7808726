import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { CheckStatusOrderService } from "../../gen/check/check_pb";
import { traceClientCalls } from "../observability/rpc-spans";

export type CheckClient = Client<typeof CheckStatusOrderService>;

/**
 * gRPC over HTTP/2 to check.CheckStatusOrderService at `baseUrl`, with a client span per
 * call whose context travels as `traceparent`, so the chain is one trace. Sessions are
 * opened on first use and reused.
 */
export function checkServiceTransport(baseUrl: string): Transport {
  return createGrpcTransport({ baseUrl, interceptors: [traceClientCalls("application/grpc")] });
}

export function createCheckClient(transport: Transport): CheckClient {
  return createClient(CheckStatusOrderService, transport);
}

// This process's own gRPC port, once bound: shared through globalThis because the listener is
// started from Next's instrumentation bundle and the API route is another bundle.
const shared = globalThis as typeof globalThis & { ordersOwnGrpcUrl?: string };

/** Records where this process's gRPC port listens, for the chain's default target. */
export function setOwnGrpcUrl(url: string): void {
  shared.ordersOwnGrpcUrl = url;
}

/**
 * The check service on this process's own gRPC port, resolved per call: the routes exist before
 * the port is bound (GRPC_PORT=0 binds any free one), and there is none when the port is off.
 */
export function ownGrpcPortTransport(): Transport {
  let current: { url: string; transport: Transport } | undefined;
  const transport = () => {
    const url = shared.ordersOwnGrpcUrl;
    if (url === undefined) {
      throw new ConnectError("No check service: set CHECK_SERVICE_URL, or leave GRPC_PORT on.", Code.Unavailable);
    }
    if (current?.url !== url) current = { url, transport: checkServiceTransport(url) };
    return current.transport;
  };
  return {
    unary: (...args) => transport().unary(...args),
    stream: (...args) => transport().stream(...args),
  };
}
