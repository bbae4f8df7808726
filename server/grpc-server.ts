import "server-only";
import { createServer } from "node:http2";
import type { Http2Server } from "node:http2";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import routes, { routerOptions } from "./routes";

export const defaultGrpcPort = 50091;

/**
 * Serves the same routes as native gRPC (and Connect, gRPC-Web) over cleartext HTTP/2 for
 * grpcio, grpcurl and `buf curl --http2-prior-knowledge` callers.
 */
export function startGrpcServer(port = Number(process.env.GRPC_PORT ?? defaultGrpcPort)): Promise<Http2Server> {
  const server = createServer(connectNodeAdapter({ routes, ...routerOptions }));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
