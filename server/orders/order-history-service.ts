import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import { OrderHistoryKind } from "../../gen/order/order_history_pb";
import type { OrderHistoryEntry, OrderHistoryService } from "../../gen/order/order_history_pb";
import type { Store } from "../db/store";
import { callerOf } from "./order-actor";
import { changesOf } from "./order-history";
import type { HistoryKind, HistoryRow } from "./order-history";
import { checkUuid, Violations } from "./order-mapping";
import { defaultPageSize, maxPageSize } from "./order-paging";

const kinds: Record<HistoryKind, OrderHistoryKind> = {
  created: OrderHistoryKind.CREATED,
  updated: OrderHistoryKind.UPDATED,
  deleted: OrderHistoryKind.DELETED,
  restored: OrderHistoryKind.RESTORED,
  "status checked": OrderHistoryKind.STATUS_CHECKED,
};

/** The wire form of a stored entry. */
export function toHistoryMessage(entry: HistoryRow): OrderHistoryEntry {
  return {
    $typeName: "order.OrderHistoryEntry",
    time: timestampFromDate(entry.time),
    actor: entry.actor,
    tokenName: entry.tokenName ?? "",
    kind: kinds[entry.kind as HistoryKind] ?? OrderHistoryKind.UNSPECIFIED,
    changes: changesOf(entry).map((change) => ({ $typeName: "order.OrderHistoryEntry.FieldChange", ...change })),
  };
}

// A page token names the order and the version to continue below: opaque, not secret.
type HistoryToken = { v: 1; u: string; b: number };

function encodeHistoryToken(uuid: string, beforeVersion: number): string {
  return Buffer.from(JSON.stringify({ v: 1, u: uuid, b: beforeVersion } satisfies HistoryToken)).toString("base64url");
}

function decodeHistoryToken(token: string, uuid: string | undefined, violations: Violations): number | undefined {
  if (token === "") return undefined;
  try {
    if (token.length <= 256 && /^[A-Za-z0-9_-]+$/.test(token)) {
      const body = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<HistoryToken>;
      if (body.v === 1 && body.u === uuid && Number.isSafeInteger(body.b)) return body.b;
    }
  } catch {
    // Reported below, as any other token that is not one of this order's.
  }
  violations.add("page_token", "page_token is not a next_page_token of this order's history.");
  return undefined;
}

/**
 * order.OrderHistoryService: ListOrderHistory answers one order's entries, newest first, a page
 * at a time. A deleted order's history is the owner's to read (others get NOT_FOUND, as for the
 * order itself). Errors are the order service's domain errors.
 */
export function createOrderHistoryService({
  orders,
  orderHistory,
}: Pick<Store, "orders" | "orderHistory">): ServiceImpl<typeof OrderHistoryService> {
  return {
    async listOrderHistory(request, context) {
      const violations = new Violations();
      const uuid = checkUuid(request.uuid, violations);
      if (request.pageSize < 0 || request.pageSize > maxPageSize) {
        violations.add(
          "page_size",
          `page_size must be from 1 to ${maxPageSize} (0 for the default of ${defaultPageSize}).`,
        );
      }
      const beforeVersion = decodeHistoryToken(request.pageToken, uuid, violations);
      const checkedUuid = violations.check(uuid);
      const pageSize = request.pageSize || defaultPageSize;
      const owner = callerOf(context).role === "owner";
      // Throws NOT_FOUND for an order that is gone.
      if (!owner) await orders.find(checkedUuid);
      const rows = await orderHistory.list(checkedUuid, beforeVersion, pageSize + 1);
      // No entries at all: an order from before history was recorded, or none.
      if (owner && rows.length === 0 && beforeVersion === undefined) await orders.find(checkedUuid);
      const page = rows.slice(0, pageSize);
      const last = page.at(-1);
      return {
        entries: page.map(toHistoryMessage),
        nextPageToken: rows.length > pageSize && last ? encodeHistoryToken(checkedUuid, last.version) : "",
      };
    },
  };
}
