import type { Order } from "@/gen/order/order_pb";
import type { CompletedToggles } from "../hooks/use-completed-toggles";

/**
 * The row's "Completed" checkbox. It saves at once, so its column is headed "Completed" and the
 * row stays in place after a change (see useToggleCompleted): focus never falls to the page.
 * No hooks of its own: the page's rows share one (useCompletedToggles).
 */
export function CompletedToggle({
  order,
  toggles,
  disabled,
}: {
  order: Order;
  toggles: CompletedToggles;
  disabled: boolean;
}) {
  return (
    <input
      type="checkbox"
      checked={toggles.shown(order)}
      disabled={disabled}
      aria-label={`Completed: ${order.name}`}
      aria-busy={toggles.pending(order.uuid) || undefined}
      onChange={(event) => toggles.toggle(order, event.target.checked)}
      className="size-6 cursor-pointer rounded accent-indigo-600 disabled:cursor-not-allowed disabled:opacity-60"
    />
  );
}
