"use client";

import { useSyncExternalStore } from "react";

// A message that outlives one navigation ("Deleted …" shown on the list after leaving the
// detail page). Module state: one per browser tab, never shared on the server.
let flash: string | undefined;
const listeners = new Set<() => void>();

/** Leaves a message for the next screen to show. */
export function setFlashMessage(message: string | undefined): void {
  flash = message;
  for (const listener of listeners) listener();
}

/** The pending message, if any. */
export function useFlashMessage(): string | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => flash,
    () => undefined,
  );
}
