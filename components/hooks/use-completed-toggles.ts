import { useRef, useState } from "react";
import type { Order } from "@/gen/order/order_pb";
import { useToggleCompleted } from "./use-toggle-completed";

/** The list's Completed checkboxes: what each shows, which are saving, and the change itself. */
export type CompletedToggles = {
  shown: (order: Order) => boolean;
  pending: (uuid: string) => boolean;
  toggle: (order: Order, completed: boolean) => void;
};

/**
 * One mutation for every row of the page, not one per row: a row then hydrates as plain markup,
 * which is what a phone pays for on a first visit (docs/performance.md, Lighthouse).
 * A box shows what was clicked until its call settles: the cache's optimistic write reaches
 * React a task after the change event, and a controlled checkbox showed the old value meanwhile.
 */
export function useCompletedToggles({
  onFailure,
  onSaved,
}: {
  onFailure: (message: string) => void;
  onSaved: (message: string) => void;
}): CompletedToggles {
  // What each box in flight shows, by uuid.
  const [clicked, setClicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  // The name a failure names: the mutation's callbacks are those of the render that sent it.
  const names = useRef(new Map<string, string>());
  const settle = (uuid: string) => {
    names.current.delete(uuid);
    setClicked((current) => {
      const next = new Map(current);
      next.delete(uuid);
      return next;
    });
  };
  const mutation = useToggleCompleted({
    onFailure: (reason, wanted, uuid) => {
      const name = names.current.get(uuid);
      settle(uuid);
      onFailure(`Couldn't mark “${name}” as ${wanted ? "completed" : "open"}: ${reason}`);
    },
    onSuccess: (saved) => {
      settle(saved.uuid);
      onSaved(`Marked “${saved.name}” as ${saved.completed ? "completed" : "open"}.`);
    },
  });
  return {
    shown: (order) => clicked.get(order.uuid) ?? order.completed,
    pending: (uuid) => clicked.has(uuid),
    toggle: (order, completed) => {
      if (clicked.has(order.uuid)) return;
      names.current.set(order.uuid, order.name);
      setClicked((current) => new Map(current).set(order.uuid, completed));
      mutation.mutate({ uuid: order.uuid, completed, updateMask: { paths: ["completed"] }, etag: order.etag });
    },
  };
}
