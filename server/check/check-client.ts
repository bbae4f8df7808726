import { createClient } from "@connectrpc/connect";
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
