import { createServer } from "node:http2";
import type { Http2Server } from "node:http2";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { routerOptions } from "./routes";

/**
 * Serves the routes as native gRPC (and Connect, gRPC-Web) over cleartext HTTP/2 for
 * grpcio, grpcurl and `buf curl --http2-prior-knowledge` callers.
 */
export function startGrpcServer(routes: (router: ConnectRouter) => void, port: number): Promise<Http2Server> {
  // gzip only past 64 KiB (connect-node's default is 1 KiB): a page of 50 orders is about
  // 10 KiB, and gzipping it costs more CPU than the whole RPC for callers on a LAN or loopback.
  const server = createServer(connectNodeAdapter({ routes, ...routerOptions, compressMinBytes: 64 * 1024 }));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
