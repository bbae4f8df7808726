import { lazy, Suspense, useState } from "react";
import type { Order } from "@/gen/order/order_pb";
import type { OrderSelection } from "../hooks/use-order-selection";

// The bar and the batch service's descriptors arrive with the first selection, not the page.
const BulkBar = lazy(() => import("./bulk-bar"));

/**
 * The bulk bar for the selected rows, fetched when the first row is selected and kept from
 * then on (its Undo outlives the rows a delete took away), and the live region that announces
 * the selected count and what each action did.
 */
export function BulkActions({ orders, selection }: { orders: Order[]; selection: OrderSelection }) {
  const [wanted, setWanted] = useState(false);
  const [news, setNews] = useState<string | undefined>(undefined);
  const count = selection.selected.length;
  const [countSeen, setCountSeen] = useState(count);
  if (count > 0 && !wanted) setWanted(true);
  // A change of selection is news of its own: the count replaces what the last action said.
  if (count !== countSeen) {
    setCountSeen(count);
    setNews(undefined);
  }
  const selected = orders.filter((order) => selection.isSelected(order.uuid));
  // What an action did, while the selection stays as it left it; else the count.
  const status = news ?? (count > 0 ? `${count} order${count === 1 ? "" : "s"} selected` : "");
  return (
    <>
      <p role="status" className="sr-only">
        {status}
      </p>
      {wanted && (
        <Suspense fallback={null}>
          <BulkBar selected={selected} onCleared={selection.clear} announce={setNews} />
        </Suspense>
      )}
    </>
  );
}
