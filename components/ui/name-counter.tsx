import { maxNameLength } from "@/lib/order-limits";

/**
 * "12/200" inside the name field's right edge (no extra line, so nothing below moves), shown
 * once something is typed; red at the limit. Characters as the server counts them (code points).
 */
export function NameCounter({ name }: { name: string }) {
  const length = [...name].length;
  if (length === 0) return null;
  return (
    <span
      aria-hidden="true"
      className={`tabular pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-xs ${
        length >= maxNameLength ? "font-medium text-red-700 dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"
      }`}
    >
      {length}/{maxNameLength}
    </span>
  );
}
