// The stack's own limit over HTTP/1.1, the browser's anchor: node:http and connect-node on the
// same prepared statements as the HTTP/2 bare server (bench/load/bare-routes.ts), answering
// Connect GET and POST as `/api` does, without Next, auth, logging or interceptors.
//   tsx bench/bare-http1-server.ts PORT DATABASE_FILE [NORMAL|FULL]   (prints "ready PORT"; 0: any free port)
import { createServer } from "node:http";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { bareRoutes, serveUntilTerminated } from "./load/bare-routes";

const [port, file, synchronous = "NORMAL"] = [Number(process.argv[2]), process.argv[3]!, process.argv[4]];
const { routes, close } = bareRoutes(file, synchronous);
serveUntilTerminated(createServer(connectNodeAdapter({ routes })), port, close);
