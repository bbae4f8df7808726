"use client";

import type { Order } from "@/gen/order/order_pb";
import { useToggleCompleted } from "./use-toggle-completed";

/** The inline checkbox that marks an order completed or open again. */
export function CompletedToggle({ order, onFailure }: { order: Order; onFailure: (message: string) => void }) {
  const toggle = useToggleCompleted((reason, wanted) =>
    onFailure(`Couldn't mark “${order.name}” as ${wanted ? "completed" : "open"}: ${reason}`),
  );
  return (
    <input
      type="checkbox"
      checked={order.completed}
      aria-label={`Completed: ${order.name}`}
      aria-busy={toggle.isPending || undefined}
      onChange={(event) => {
        if (toggle.isPending) return;
        toggle.mutate({ uuid: order.uuid, completed: event.target.checked, updateMask: { paths: ["completed"] } });
      }}
      className="size-5 cursor-pointer rounded accent-indigo-600"
    />
  );
}
