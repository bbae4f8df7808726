import { useSyncExternalStore } from "react";
import { newOrders, noNewOrders, subscribeNewOrders } from "@/lib/new-orders";

/**
 * "3 new orders — Show": orders created elsewhere that would have pushed the rows on screen
 * down (GitHub's issue list, Twitter). Showing them reads the page again.
 */
export function NewOrdersNotice({ shown, onShow }: { shown: readonly string[]; onShow: () => void }) {
  const pending = useSyncExternalStore(subscribeNewOrders, newOrders, noNewOrders);
  const count = [...pending].filter((uuid) => !shown.includes(uuid)).length;
  return (
    // Zero height, the button floating over the table's header (Twitter's pill): announcing
    // moves no row either.
    <div role="status" className="relative z-10 h-0">
      {count > 0 && (
        <button
          type="button"
          onClick={onShow}
          className="absolute top-2 left-1/2 -translate-x-1/2 rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm font-medium whitespace-nowrap text-indigo-800 shadow-sm hover:bg-indigo-100 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-200"
        >
          {count === 1 ? "1 new order" : `${count} new orders`} — Show
        </button>
      )}
    </div>
  );
}
