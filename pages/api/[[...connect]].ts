import { nextJsApiRouter } from "@connectrpc/connect-next";
import routes, { routerOptions } from "@/server/routes";
import { withApiGuards } from "@/server/http/api-handler";

const { handler } = nextJsApiRouter({ routes, ...routerOptions, prefix: "/api" });

// Written out here, not re-exported: Next reads this object statically from the route file.
export const config = { api: { bodyParser: false } };

export default withApiGuards(handler);
