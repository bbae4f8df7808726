// Orders created elsewhere that would push the rows on screen down: announced as "N new
// orders — Show" (GitHub's issue list, Twitter's timeline) instead of inserted under the
// person's pointer. Module state: one per browser tab.

let pending: ReadonlySet<string> = new Set();
const listeners = new Set<() => void>();

function publish(next: ReadonlySet<string>) {
  pending = next;
  for (const listener of listeners) listener();
}

/** Announces an order the list on screen does not show yet. */
export function announceNewOrder(uuid: string): void {
  if (!pending.has(uuid)) publish(new Set([...pending, uuid]));
}

/** Forgets the announced orders: shown (the list was read again) or out of view. */
export function clearNewOrders(uuids?: Iterable<string>): void {
  if (pending.size === 0) return;
  if (!uuids) return publish(new Set());
  const left = new Set(pending);
  for (const uuid of uuids) left.delete(uuid);
  if (left.size !== pending.size) publish(left);
}

export function subscribeNewOrders(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The announced orders' uuids. */
export const newOrders = (): ReadonlySet<string> => pending;
const none: ReadonlySet<string> = new Set();
/** None on the server. */
export const noNewOrders = (): ReadonlySet<string> => none;
