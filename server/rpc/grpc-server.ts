import { createServer } from "node:http2";
import type { Http2Server } from "node:http2";
import type { ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { answerSentValues } from "./answer-sent";
import { applyHttp2Limits, http2ServerSettings } from "./http2-limits";
import { routerOptions } from "./routes";
import { withCheckedGetMessages } from "./with-checked-get-messages";
import { withGrpcBridges } from "./with-grpc-bridges";

/** Where the gRPC port listens: port 0 picks a free one; no host means every interface. */
export type GrpcListen = { port: number; host?: string };

/**
 * Serves the routes as native gRPC (and Connect, gRPC-Web in binary and text mode) over
 * cleartext HTTP/2 for grpcio, grpc-js, grpcurl and `buf curl --http2-prior-knowledge` callers.
 */
export function startGrpcServer(
  routes: (router: ConnectRouter) => void,
  { port, host }: GrpcListen,
): Promise<Http2Server> {
  const server = createServer(
    http2ServerSettings(),
    withGrpcBridges(
      withCheckedGetMessages(
        // gzip only past 64 KiB (connect-node's default is 1 KiB): a page of 50 orders is about
        // 10 KiB, and gzipping it costs more CPU than the whole RPC for callers on a LAN or loopback.
        connectNodeAdapter({
          routes,
          ...routerOptions,
          compressMinBytes: 64 * 1024,
          contextValues: answerSentValues,
        }),
      ),
    ),
  );
  applyHttp2Limits(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
