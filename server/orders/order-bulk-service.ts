import { randomUUID } from "node:crypto";
import type { ServiceImpl } from "@connectrpc/connect";
import type { OrderBulkService } from "../../gen/order/order_bulk_pb";
import type { Store } from "../db/store";
import { actorOf } from "./order-actor";
import { throwIfCallEnded } from "./call-ended";
import { createExportOrders } from "./order-export";
import type { ExportOptions } from "./order-export";
import { ImportRejected, InvalidOrderRequest } from "./order-errors";
import { maxImportBytes, parseImport } from "./order-import";
import { foldName } from "./order-repository";
import { nameSortKey } from "../../lib/name-fold";
import { checkEtag, checkUuid, toOrderMessage, Violations } from "./order-mapping";
import { updateChanges } from "./order-update-changes";
import type { OrderRow } from "./order-repository";

/** Most items one batch call takes (AIP-233 leaves the number to the service). */
export const maxBatchItems = 500;

/** The uuids checked: 1..maxBatchItems of them, valid and distinct, each violation named by index. */
function checkUuids(uuids: readonly string[], field: string, violations: Violations): string[] {
  if (uuids.length === 0) violations.add(field, `${field} must name at least one order.`);
  if (uuids.length > maxBatchItems) {
    violations.add(field, `${field} may name at most ${maxBatchItems} orders (it names ${uuids.length}).`);
  }
  const seen = new Set<string>();
  return uuids.map((uuid, index) => {
    const checked = checkUuid(uuid, violations, `${field}[${index}]`) ?? "";
    if (checked && seen.has(checked)) violations.add(`${field}[${index}]`, "The same order is named twice.");
    seen.add(checked);
    return checked;
  });
}

/**
 * OrderBulkService: batch writes all or nothing (one transaction each; one failing item fails
 * the call with a detail per failing item, by index), CSV export and import.
 */
export function createOrderBulkService(
  store: Store,
  exportOptions?: Partial<ExportOptions>,
): ServiceImpl<typeof OrderBulkService> {
  const { orders } = store;
  return {
    async batchUpdateOrders({ requests }, context) {
      const violations = new Violations();
      const uuids = checkUuids(
        requests.map((request) => request.uuid),
        "requests",
        violations,
      );
      const items = requests.map((request, index) => {
        const own = new Violations();
        const changes = updateChanges(request, own);
        const version = checkEtag(request.etag, own);
        for (const { field, description } of own.list) violations.add(`requests[${index}].${field}`, description);
        return { uuid: uuids[index]!, changes, version };
      });
      violations.check(true);
      throwIfCallEnded(context);
      const rows = await orders.batchUpdate(items, actorOf(context));
      return { orders: rows.map(toOrderMessage) };
    },

    async batchDeleteOrders({ uuids, etags }, context) {
      const violations = new Violations();
      const checked = checkUuids(uuids, "uuids", violations);
      if (etags.length > 0 && etags.length !== uuids.length) {
        violations.add(
          "etags",
          `etags must be empty or hold one etag per uuid (${uuids.length}), not ${etags.length}.`,
        );
      }
      const versions = etags.map((etag, index) => {
        const own = new Violations();
        const version = checkEtag(etag, own);
        for (const { description } of own.list) violations.add(`etags[${index}]`, description);
        return version;
      });
      violations.check(true);
      throwIfCallEnded(context);
      const rows = await orders.removeMany(
        checked.map((uuid, index) => ({ uuid, version: versions[index] })),
        actorOf(context),
      );
      return { orders: rows.map(toOrderMessage) };
    },

    async batchUndeleteOrders({ uuids }, context) {
      const violations = new Violations();
      const checked = checkUuids(uuids, "uuids", violations);
      violations.check(true);
      throwIfCallEnded(context);
      const rows = await orders.restoreMany(checked, actorOf(context));
      return { orders: rows.map(toOrderMessage) };
    },

    exportOrders: createExportOrders(orders, exportOptions),

    async importOrders({ body, validateOnly }, context) {
      const contentType = (body?.contentType ?? "").split(";")[0]!.trim().toLowerCase();
      const data = body?.data ?? new Uint8Array();
      if (contentType !== "" && contentType !== "text/csv" && contentType !== "text/plain") {
        throw new InvalidOrderRequest([
          { field: "body.content_type", description: `The body must be text/csv, not ${contentType}.` },
        ]);
      }
      if (data.length > maxImportBytes) {
        throw new InvalidOrderRequest([
          {
            field: "body",
            description: `The file is ${data.length} bytes; an import takes at most ${maxImportBytes}.`,
          },
        ]);
      }
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(data);
      } catch {
        throw new InvalidOrderRequest([{ field: "body", description: "The file must be UTF-8 text." }]);
      }
      const parsed = parseImport(text);
      if (validateOnly) {
        // A check reads the stored request_ids too: a re-import reports what it would skip or refuse.
        const stored = await orders.checkImport(parsed.rows);
        return {
          rowCount: parsed.rowCount,
          problems: [...parsed.problems, ...stored.problems].sort((a, b) => a.line - b.line),
          createdCount: 0,
          existingCount: stored.existing,
        };
      }
      if (parsed.problems.length > 0) throw new ImportRejected(parsed.problems);
      throwIfCallEnded(context);
      const by = actorOf(context);
      const now = new Date();
      const rows = parsed.rows.map(({ line, name, completed, date, request }) => {
        const row: OrderRow = {
          uuid: randomUUID(),
          name,
          nameFolded: foldName(name),
          nameKey: nameSortKey(name),
          completed,
          date: date ?? now,
          createTime: now,
          updateTime: now,
          version: 1,
          createdBy: by.subject,
          updatedBy: by.subject,
        };
        return { line, row, ...(request && { request }) };
      });
      const { created, existing } = await orders.importRows(rows, by);
      return { rowCount: parsed.rowCount, problems: [], createdCount: created, existingCount: existing };
    },
  };
}
