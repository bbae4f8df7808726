/** No rows: either nothing exists yet, or nothing matches what the person asked for. */
export function OrdersEmptyState({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center">
      <p className="text-base font-semibold">{filtered ? "No orders match" : "No orders yet"}</p>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        {filtered ? "Try another search or status." : "Orders you add with the form above appear here."}
      </p>
      {filtered && (
        <button
          type="button"
          onClick={onClear}
          className="mt-2 h-10 rounded-md border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Clear search and filters
        </button>
      )}
    </div>
  );
}
