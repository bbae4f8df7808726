import { useEffect, useRef, useState } from "react";
import type { Ref } from "react";
import { firstPageOf, sortKeys, sortLabels, statusFilters } from "@/lib/list-view";
import type { ListView, SortKey, StatusFilter } from "@/lib/list-view";
import { maxNameLength } from "@/lib/order-limits";
import { inputClass } from "../ui/form-field";
import { DateRangeFields } from "./date-range-fields";

const filterLabels: Record<StatusFilter, string> = { all: "All", open: "Open", completed: "Completed" };

/** Typing pauses this long before the list is asked again: one request per word, not per key. */
const searchDebounceMs = 300;

/** Filter, search and sort: each change starts again at the first page. */
export function OrdersToolbar({
  view,
  onChange,
  searchRef,
}: {
  view: ListView;
  onChange: (next: ListView, options?: { replace?: boolean }) => void;
  searchRef?: Ref<HTMLInputElement>;
}) {
  const [search, setSearch] = useState(view.search);
  const lastSent = useRef(view.search);
  // One history entry per search, as filter and sort make one per change (GitHub's issue list:
  // each search is a place Back returns to): the first pause of a search pushes, later pauses
  // while still typing in the box replace it, and leaving the box ends that search.
  const searchPushed = useRef(false);

  // Back/Forward or a link changed the URL: show its search, not a stale draft.
  useEffect(() => {
    if (view.search !== lastSent.current) {
      lastSent.current = view.search;
      setSearch(view.search);
    }
  }, [view.search]);

  useEffect(() => {
    if (search === lastSent.current) return;
    const timer = setTimeout(() => {
      lastSent.current = search;
      onChange(firstPageOf(view, { search }), { replace: searchPushed.current });
      searchPushed.current = true;
    }, searchDebounceMs);
    return () => clearTimeout(timer);
  }, [search, view, onChange]);

  return (
    // Phones: search on its own row, status and sort share the next, so rows stay above the fold.
    <div className="flex flex-wrap items-end gap-3">
      <div className="w-full min-w-0 sm:w-auto sm:flex-1">
        <label htmlFor="search-orders" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Search by name
        </label>
        <input
          ref={searchRef}
          id="search-orders"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onBlur={() => (searchPushed.current = false)}
          placeholder="Search orders…"
          autoComplete="off"
          maxLength={maxNameLength}
          dir="auto"
          className={inputClass}
        />
      </div>
      <fieldset className="shrink-0">
        <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Status</legend>
        <div className="inline-flex h-10 rounded-md border border-zinc-300 bg-white p-0.5 dark:border-zinc-700 dark:bg-zinc-900">
          {statusFilters.map((filter) => (
            <label key={filter} className="relative">
              <input
                type="radio"
                name="status"
                value={filter}
                checked={view.filter === filter}
                onChange={() => onChange(firstPageOf(view, { filter }))}
                className="peer absolute inset-0 cursor-pointer opacity-0"
              />
              <span className="flex h-full cursor-pointer items-center rounded px-2.5 text-sm font-medium text-zinc-600 peer-checked:bg-zinc-900 peer-checked:text-white peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-indigo-500 dark:text-zinc-300 dark:peer-checked:bg-zinc-100 dark:peer-checked:text-zinc-900">
                {filterLabels[filter]}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <DateRangeFields view={view} onChange={onChange} />
      <div className="min-w-36 flex-1 sm:flex-none">
        <label htmlFor="sort-orders" className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Sort by
        </label>
        <select
          id="sort-orders"
          value={view.sort}
          onChange={(event) => onChange(firstPageOf(view, { sort: event.target.value as SortKey }))}
          className={`${inputClass} pr-8 sm:w-52`}
        >
          {sortKeys.map((key) => (
            <option key={key} value={key}>
              {sortLabels[key]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
