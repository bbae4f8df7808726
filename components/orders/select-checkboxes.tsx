import { useEffect, useRef } from "react";
import type { OrderSelection } from "../hooks/use-order-selection";

const boxClass = "size-5 cursor-pointer rounded border-zinc-400 accent-indigo-600";

/** The header's box: selects every row of the page; mixed while only some are. */
export function SelectPageCheckbox({ selection }: { selection: OrderSelection }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.pageState === "some";
  }, [selection.pageState]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all orders on this page"
      className={boxClass}
      checked={selection.pageState === "all"}
      onChange={(event) => selection.setAll(event.target.checked)}
    />
  );
}

/** A row's box, named after the order, so a screen reader says which one it picks. */
export function SelectOrderCheckbox({
  selection,
  uuid,
  name,
}: {
  selection: OrderSelection;
  uuid: string;
  name: string;
}) {
  return (
    <input
      type="checkbox"
      aria-label={`Select ${name}`}
      className={boxClass}
      checked={selection.isSelected(uuid)}
      onChange={() => selection.toggle(uuid)}
    />
  );
}
