import type { NodeHandler, NodeRequest, NodeResponse } from "./node-response-hooks";
import { withGrpcStatusMessages } from "./with-grpc-status-messages";
import { withGrpcWebText } from "./with-grpc-web-text";

/**
 * What every transport adds around connect's Node handler so that gRPC and gRPC-Web clients
 * beyond connect's own work: text-mode gRPC-Web and spec-encoded status messages. Order
 * matters: status messages are rewritten in binary frames, then base64-encoded for text mode.
 */
export function withGrpcBridges<Request extends NodeRequest, Response extends NodeResponse>(
  handler: NodeHandler<Request, Response>,
): NodeHandler<Request, Response> {
  return withGrpcWebText(withGrpcStatusMessages(handler));
}
