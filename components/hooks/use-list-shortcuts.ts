import { useEffect } from "react";

/** Keys that stay the page's: typing in a field, or with a modifier (the browser's shortcuts). */
function isForThePage(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return true;
  return !(target.isContentEditable || target.closest("input, textarea, select, dialog"));
}

const rowLinks = () => [...document.querySelectorAll<HTMLAnchorElement>("main table tbody a[href^='/orders/']")];

/** Moves focus to the next (1) or previous (-1) row's name, or the first row from elsewhere. */
function moveRow(step: 1 | -1) {
  const links = rowLinks();
  if (links.length === 0) return;
  const row = document.activeElement?.closest("tr");
  const at = links.findIndex((link) => link.closest("tr") === row);
  const next = at === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
  links[next]?.focus();
}

/**
 * Toggles the selection checkbox of the focused row (named "Select …", from bulk actions), or
 * failing that focuses the row's name, so x always says which row it acts on.
 */
function selectRow() {
  const row = document.activeElement?.closest("tr");
  if (!row) return moveRow(1);
  const select = [...row.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].find((box) =>
    (box.getAttribute("aria-label") ?? box.labels?.[0]?.textContent ?? "").startsWith("Select"),
  );
  if (select) select.click();
  else row.querySelector<HTMLAnchorElement>("a[href^='/orders/']")?.focus();
}

/**
 * The list's keyboard shortcuts, as GitHub's and Gmail's: `/` search, `c` new order, `j`/`k`
 * next and previous row, `x` select, `?` the list of shortcuts. Single keys, so they are never
 * taken while typing in a field, nor with Ctrl, Alt or Meta held.
 */
export function useListShortcuts({ onHelp }: { onHelp: () => void }): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isForThePage(event)) return;
      const actions: Record<string, () => void> = {
        "/": () => document.getElementById("search-orders")?.focus(),
        c: () => document.getElementById("create-name")?.focus(),
        j: () => moveRow(1),
        k: () => moveRow(-1),
        x: selectRow,
        "?": onHelp,
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onHelp]);
}
