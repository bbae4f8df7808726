import { useEffect } from "react";

const question = "You have unsaved changes. Leave this page and lose them?";

// Forms of this tab holding unsaved edits, for actions that leave without a link (sign out).
let unsavedForms = 0;

/** True when nothing unsaved would be lost, or the person agrees to lose it. */
export function confirmLeavingUnsaved(): boolean {
  return unsavedForms === 0 || window.confirm(question);
}

/**
 * Asks before unsaved edits are dropped: on reload, tab close and full navigations (the
 * browser's own prompt), on in-app links, which the App Router follows without unloading, and
 * on Back and Forward between in-app pages, which never unload either.
 */
export function useUnsavedChangesGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    unsavedForms += 1;
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
    // Back and Forward are asked about before they happen, through the Navigation API: by
    // popstate the App Router has already rendered the other page and this form is gone.
    const onNavigate = (event: NavigateEvent) => {
      if (event.navigationType !== "traverse" || !event.cancelable) return;
      if (!window.confirm(question)) event.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture phase: decided before Next's Link handler starts the navigation.
    document.addEventListener("click", onClick, true);
    // Browsers without the Navigation API keep the previous behaviour for Back: the edits are lost.
    window.navigation?.addEventListener("navigate", onNavigate);
    return () => {
      unsavedForms -= 1;
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      window.navigation?.removeEventListener("navigate", onNavigate);
    };
  }, [dirty]);
}
