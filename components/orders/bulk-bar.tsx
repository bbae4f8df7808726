// Loaded when the first row is selected (bulk-actions.tsx): the batch service's descriptors and
// this bar stay out of the list's first load.

import { callUnaryMethod, useTransport } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { OrderBulkService } from "@/gen/order/order_bulk_pb";
import type { Order } from "@/gen/order/order_pb";
import { csvRecord, exportColumns, exportFileName } from "@/lib/csv";
import { errorSentence } from "@/lib/connect-error-text";
import type { OrderChange } from "@/lib/apply-order-change";
import { orderChanges } from "@/lib/load-order-changes";
import { orderListsKey } from "@/lib/order-query-keys";
import { Alert } from "../ui/alert";

/** What the last action did, so Undo can take it back. */
type LastAction =
  | { kind: "completed"; orders: Order[]; before: Map<string, boolean>; value: boolean }
  | { kind: "deleted"; uuids: string[] };

const plural = (count: number) => `${count} order${count === 1 ? "" : "s"}`;
const buttonClass =
  "min-h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 aria-disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";

const timeText = (time: Order["createTime"]) =>
  new Date(Number(time?.seconds ?? 0n) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6)).toISOString();

/** Downloads the selected rows as the server's export writes them. */
function downloadCsv(orders: Order[]) {
  const rows = orders.map((order) =>
    csvRecord([
      order.uuid,
      order.name,
      String(order.completed),
      order.date,
      timeText(order.createTime),
      timeText(order.updateTime),
    ]),
  );
  const url = URL.createObjectURL(new Blob([csvRecord(exportColumns), ...rows], { type: "text/csv" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: exportFileName(new Date()) });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The actions on the selected rows: each one call of the batch service, all or nothing, then
 * an Undo that reverses it (the reverse batch update with the new etags, or the undelete).
 * `announce` puts what happened in the list's live region.
 */
export default function BulkBar({
  selected,
  onCleared,
  announce,
}: {
  selected: Order[];
  onCleared: () => void;
  announce: (text: string) => void;
}) {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [last, setLast] = useState<LastAction | undefined>(undefined);

  async function place(changes: OrderChange[]) {
    const { applyOrderChange } = await orderChanges.load();
    for (const change of changes) applyOrderChange(queryClient, change);
    // Totals and pages that orders left or entered are read again.
    await queryClient.invalidateQueries({ queryKey: orderListsKey });
  }

  async function run(work: () => Promise<string>) {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      announce(await work());
    } catch (caught) {
      const sentence = `Nothing was changed: ${errorSentence(caught)}`;
      setError(sentence);
      announce(sentence);
      await queryClient.invalidateQueries({ queryKey: orderListsKey });
    } finally {
      setPending(false);
    }
  }

  const mark = (value: boolean) =>
    run(async () => {
      const targets = selected;
      const { orders } = await callUnaryMethod(transport, OrderBulkService.method.batchUpdateOrders, {
        requests: targets.map((order) => ({
          uuid: order.uuid,
          completed: value,
          etag: order.etag,
          updateMask: { paths: ["completed"] },
        })),
      });
      await place(orders.map((order) => ({ kind: "updated", order })));
      setLast({ kind: "completed", orders, value, before: new Map(targets.map((o) => [o.uuid, o.completed])) });
      return `${plural(orders.length)} marked ${value ? "completed" : "open"}.`;
    });

  const remove = () =>
    run(async () => {
      const { orders } = await callUnaryMethod(transport, OrderBulkService.method.batchDeleteOrders, {
        uuids: selected.map((order) => order.uuid),
        etags: selected.map((order) => order.etag),
      });
      onCleared();
      await place(orders.map((order) => ({ kind: "deleted", uuid: order.uuid })));
      setLast({ kind: "deleted", uuids: orders.map((order) => order.uuid) });
      return `${plural(orders.length)} deleted.`;
    });

  const undo = () =>
    run(async () => {
      if (!last) return "";
      if (last.kind === "deleted") {
        const { orders } = await callUnaryMethod(transport, OrderBulkService.method.batchUndeleteOrders, {
          uuids: last.uuids,
        });
        await place(orders.map((order) => ({ kind: "created", order })));
        setLast(undefined);
        return `Undone: ${plural(orders.length)} restored.`;
      }
      const { orders } = await callUnaryMethod(transport, OrderBulkService.method.batchUpdateOrders, {
        requests: last.orders.map((order) => ({
          uuid: order.uuid,
          completed: last.before.get(order.uuid) ?? !last.value,
          etag: order.etag,
          updateMask: { paths: ["completed"] },
        })),
      });
      await place(orders.map((order) => ({ kind: "updated", order })));
      setLast(undefined);
      return `Undone: ${plural(orders.length)} back as they were.`;
    });

  const count = selected.length;
  return (
    <div className="flex flex-col gap-2">
      <div
        role="toolbar"
        aria-label="Bulk actions"
        className="flex flex-wrap items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 dark:border-indigo-900/60 dark:bg-indigo-950/40"
      >
        <span className="tabular mr-2 text-sm font-medium">{count > 0 ? `${count} selected` : "None selected"}</span>
        {count > 0 && (
          <>
            <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void mark(true)}>
              Mark completed
            </button>
            <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void mark(false)}>
              Mark open
            </button>
            <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void remove()}>
              Delete
            </button>
            <button type="button" className={buttonClass} onClick={() => downloadCsv(selected)}>
              Export selected
            </button>
          </>
        )}
        {last && (
          <button type="button" className={buttonClass} aria-disabled={pending} onClick={() => void undo()}>
            Undo
          </button>
        )}
      </div>
      {error && (
        <Alert tone="error" onDismiss={() => setError(undefined)}>
          {error}
        </Alert>
      )}
    </div>
  );
}
