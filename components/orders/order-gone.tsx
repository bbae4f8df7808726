import { NotFoundPanel } from "../ui/not-found-panel";

/**
 * What stands where an order was: deleted here or elsewhere, or never there. The same words on
 * the not-found page and wherever a loaded order turns out to be gone.
 */
export function OrderGone() {
  return <NotFoundPanel role="status" title="Order not found" explanation="It was deleted, or the link is mistyped." />;
}
