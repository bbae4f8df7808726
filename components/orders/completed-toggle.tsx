import { useState } from "react";
import type { Order } from "@/gen/order/order_pb";
import { useToggleCompleted } from "../hooks/use-toggle-completed";

/**
 * The row's "Completed" checkbox. It saves at once, so its column is headed "Completed" and the
 * row stays in place after a change (see useToggleCompleted): focus never falls to the page.
 */
export function CompletedToggle({
  order,
  disabled,
  onFailure,
  onSaved,
}: {
  order: Order;
  disabled: boolean;
  onFailure: (message: string) => void;
  onSaved: (message: string) => void;
}) {
  // The box shows what was clicked until the call settles: the cache's optimistic write reaches
  // React a task after the change event, and a controlled checkbox showed the old value meanwhile.
  const [clicked, setClicked] = useState<boolean | undefined>(undefined);
  const toggle = useToggleCompleted({
    onFailure: (reason, wanted) => {
      setClicked(undefined);
      onFailure(`Couldn't mark “${order.name}” as ${wanted ? "completed" : "open"}: ${reason}`);
    },
    onSuccess: (saved) => {
      setClicked(undefined);
      onSaved(`Marked “${saved.name}” as ${saved.completed ? "completed" : "open"}.`);
    },
  });
  return (
    <input
      type="checkbox"
      checked={clicked ?? order.completed}
      disabled={disabled}
      aria-label={`Completed: ${order.name}`}
      aria-busy={toggle.isPending || undefined}
      onChange={(event) => {
        if (toggle.isPending) return;
        setClicked(event.target.checked);
        toggle.mutate({
          uuid: order.uuid,
          completed: event.target.checked,
          updateMask: { paths: ["completed"] },
          etag: order.etag,
        });
      }}
      className="size-6 cursor-pointer rounded accent-indigo-600 disabled:cursor-not-allowed disabled:opacity-60"
    />
  );
}
