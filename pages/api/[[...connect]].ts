import { nextJsApiRouter } from "@connectrpc/connect-next";
import { appStore } from "@/server/db/store";
import { answerSentValues, withAnswerTracking } from "@/server/rpc/answer-sent";
import { createRoutes, routerOptions } from "@/server/rpc/routes";
import { withApiGuards } from "@/server/rpc/with-api-guards";
import { withCheckedGetMessages } from "@/server/rpc/with-checked-get-messages";
import { withGrpcBridges } from "@/server/rpc/with-grpc-bridges";
import { withUnbufferedStreams } from "@/server/rpc/with-unbuffered-streams";

const { handler } = nextJsApiRouter({
  routes: createRoutes(appStore()),
  ...routerOptions,
  prefix: "/api",
  contextValues: answerSentValues,
});

// Written out here, not re-exported: Next reads this object statically from the route file.
export const config = { api: { bodyParser: false } };

export default withApiGuards(
  withUnbufferedStreams(withGrpcBridges(withCheckedGetMessages(withAnswerTracking(handler), "/api"))),
);
