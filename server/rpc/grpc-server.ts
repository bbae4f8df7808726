import { createServer } from "node:http2";
import type { Http2Server } from "node:http2";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { routerOptions } from "./routes";
import { withGrpcBridges } from "./with-grpc-bridges";

/**
 * Serves the routes as native gRPC (and Connect, gRPC-Web in binary and text mode) over
 * cleartext HTTP/2 for grpcio, grpc-js, grpcurl and `buf curl --http2-prior-knowledge` callers.
 */
export function startGrpcServer(routes: (router: ConnectRouter) => void, port: number): Promise<Http2Server> {
  const server = createServer(withGrpcBridges(connectNodeAdapter({ routes, ...routerOptions })));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
