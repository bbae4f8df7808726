"use client";

import { useEffect } from "react";

const question = "You have unsaved changes. Leave this page and lose them?";

/**
 * Asks before unsaved edits are dropped: on reload, tab close and full navigations (the
 * browser's own prompt), and on in-app links, which the App Router follows without unloading.
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link || event.defaultPrevented || link.getAttribute("target") === "_blank") return;
      // The native confirm: keyboard- and screen-reader-ready, and it blocks until answered.
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture phase: decided before Next's Link handler starts the navigation.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}
