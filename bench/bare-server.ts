// The stack's own limit over cleartext HTTP/2 (gRPC callers): see bench/load/bare-routes.ts.
//   tsx bench/bare-server.ts PORT DATABASE_FILE [NORMAL|FULL]   (prints "ready PORT" once serving; 0: any free port)
import { createServer } from "node:http2";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { bareRoutes, serveUntilTerminated } from "./load/bare-routes";

const [port, file, synchronous = "NORMAL"] = [Number(process.argv[2]), process.argv[3]!, process.argv[4]];
const { routes, close } = bareRoutes(file, synchronous);
serveUntilTerminated(createServer(connectNodeAdapter({ routes })), port, close);
