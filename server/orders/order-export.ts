import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import type { HttpBodySchema } from "../../gen/google/api/httpbody_pb";
import type { ExportOrdersRequest } from "../../gen/order/order_bulk_pb";
import { ListOrdersRequestSchema } from "../../gen/order/order_pb";
import { csvRecord, exportColumns, exportFileName } from "../../lib/csv";
import { throwIfCallEnded } from "./call-ended";
import { cursorOf, parseListRequest } from "./order-paging";
import type { ListedRow, OrderRepository, RowCursor } from "./order-repository";

export type ExportOptions = {
  /** Rows read per query, and written per chunk: what one export holds at a time. */
  pageRows: number;
  /** Exports the process runs at once; one more is RESOURCE_EXHAUSTED. */
  concurrent: number;
};

const defaults: ExportOptions = { pageRows: 1_000, concurrent: 4 };

// On globalThis: the Next route and the gRPC listener are separate bundles of one process.
const shared = globalThis as typeof globalThis & { ordersExportsRunning?: { count: number } };

const cells = (row: ListedRow) => [
  row.uuid,
  row.name,
  String(row.completed),
  row.date.toISOString(),
  row.createTime.toISOString(),
  row.updateTime.toISOString(),
];

/**
 * ExportOrders: the listing's orders as CSV, one chunk per page read with keyset pagination,
 * each read only when the caller has taken the one before (the stream pulls), so an export of
 * any size holds one page at a time.
 */
export function createExportOrders(orders: OrderRepository, options: Partial<ExportOptions> = {}) {
  const { pageRows, concurrent } = { ...defaults, ...options };
  const running = (shared.ordersExportsRunning ??= { count: 0 });
  return async function* exportOrders(
    request: ExportOrdersRequest,
    context: HandlerContext,
  ): AsyncGenerator<MessageInitShape<typeof HttpBodySchema>> {
    const { filter, sort } = parseListRequest(
      create(ListOrdersRequestSchema, {
        completed: request.completed,
        nameContains: request.nameContains,
        orderBy: request.orderBy,
        dateFrom: request.dateFrom,
        dateTo: request.dateTo,
        pageSize: pageRows,
      }),
    );
    if (running.count >= concurrent) {
      throw new ConnectError(
        `${concurrent} exports are running on this server; try again shortly.`,
        Code.ResourceExhausted,
      );
    }
    running.count++;
    try {
      context.responseHeader.set("Content-Disposition", `attachment; filename="${exportFileName(new Date())}"`);
      const contentType = "text/csv; charset=utf-8";
      const encoder = new TextEncoder();
      yield { contentType, data: encoder.encode(csvRecord(exportColumns)) };
      let cursor: RowCursor | undefined;
      for (;;) {
        throwIfCallEnded(context);
        const rows = await orders.page(filter, sort, cursor, pageRows);
        if (rows.length === 0) return;
        yield { contentType, data: encoder.encode(rows.map((row) => csvRecord(cells(row))).join("")) };
        if (rows.length < pageRows) return;
        cursor = cursorOf(rows.at(-1)!, sort, "after");
      }
    } finally {
      running.count--;
    }
  };
}
