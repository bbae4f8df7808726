import { firstPageOf } from "@/lib/list-view";
import type { ListView } from "@/lib/list-view";
import { inputClass } from "../ui/form-field";

const labelClass = "mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200";

/**
 * From / To calendar days (both inclusive, in the viewer's zone), as Stripe's dashboard filters
 * by date: also the way to jump far into the list, which keyset paging serves from an index.
 */
export function DateRangeFields({
  view,
  onChange,
}: {
  view: ListView;
  onChange: (next: ListView, options?: { replace?: boolean }) => void;
}) {
  return (
    // Phones keep their rows above the fold: the range shows there only once set (by a link, or
    // on a wider screen), so it can be changed or cleared.
    <fieldset className={`flex shrink-0 gap-2 ${view.from || view.to ? "" : "max-sm:hidden"}`}>
      <legend className="sr-only">Date range</legend>
      <div>
        <label htmlFor="orders-from" className={labelClass}>
          From
        </label>
        <input
          id="orders-from"
          type="date"
          value={view.from}
          max={view.to || undefined}
          onChange={(event) => onChange(firstPageOf(view, { from: event.target.value }))}
          className={`${inputClass} w-40`}
        />
      </div>
      <div>
        <label htmlFor="orders-to" className={labelClass}>
          To
        </label>
        <input
          id="orders-to"
          type="date"
          value={view.to}
          min={view.from || undefined}
          onChange={(event) => onChange(firstPageOf(view, { to: event.target.value }))}
          className={`${inputClass} w-40`}
        />
      </div>
    </fieldset>
  );
}
