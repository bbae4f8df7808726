import { OrderBulkService } from "@/gen/order/order_bulk_pb";
import { OrderHistoryService } from "@/gen/order/order_history_pb";
import { OrderService } from "@/gen/order/order_pb";
import { appStore } from "@/server/db/store";
import { createRestTranscoder } from "@/server/rpc/rest-transcoder";
import { createRoutes } from "@/server/rpc/routes";
import { withApiGuards } from "@/server/rpc/with-api-guards";

const transcoder = createRestTranscoder(
  [OrderService, OrderHistoryService, OrderBulkService],
  createRoutes(appStore()),
);

// Written out here, not re-exported: Next reads this object statically from the route file.
// responseLimit off: ExportOrders streams files of any size, a page of rows at a time.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default withApiGuards(transcoder);
