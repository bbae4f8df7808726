import { useCallback, useMemo, useState } from "react";

/** The rows picked for a bulk action, among the page's; what the checkboxes and the bar share. */
export type OrderSelection = {
  /** The page's uuids that are selected, in page order. */
  selected: string[];
  isSelected: (uuid: string) => boolean;
  toggle: (uuid: string) => void;
  /** Selects every row of the page, or none. */
  setAll: (checked: boolean) => void;
  clear: () => void;
  /** "some" for a header checkbox that shows mixed. */
  pageState: "none" | "some" | "all";
};

/**
 * Selection within the page on screen: rows that leave it (another page, a filter, a delete
 * seen on the live stream) leave the selection too, so an action never reaches an order the
 * person cannot see.
 */
export function useOrderSelection(pageUuids: readonly string[]): OrderSelection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const selected = useMemo(() => pageUuids.filter((uuid) => picked.has(uuid)), [pageUuids, picked]);
  const toggle = useCallback(
    (uuid: string) =>
      setPicked((current) => {
        const next = new Set(current);
        if (!next.delete(uuid)) next.add(uuid);
        return next;
      }),
    [],
  );
  const setAll = useCallback((checked: boolean) => setPicked(new Set(checked ? pageUuids : [])), [pageUuids]);
  const clear = useCallback(() => setPicked(new Set()), []);
  const pageState = selected.length === 0 ? "none" : selected.length === pageUuids.length ? "all" : ("some" as const);
  return { selected, isSelected: (uuid) => picked.has(uuid), toggle, setAll, clear, pageState };
}
