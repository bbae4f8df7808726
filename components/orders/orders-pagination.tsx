"use client";

const buttonClass =
  "inline-flex h-10 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 " +
  "aria-disabled:cursor-not-allowed aria-disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

/**
 * Previous / Next over the server's page tokens, with where the person is. The buttons are never
 * `disabled` (that would drop keyboard focus to the page while the next page loads); a button
 * with nothing to do is aria-disabled and ignores presses.
 */
export function OrdersPagination({
  pageNumber,
  pageCount,
  totalSize,
  onPrevious,
  onNext,
}: {
  pageNumber: number;
  pageCount: number;
  totalSize: number;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}) {
  return (
    <nav
      aria-label="Pages"
      className="flex items-center justify-between gap-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800"
    >
      <p className="tabular text-sm text-zinc-600 dark:text-zinc-400">
        Page {pageNumber} of {Math.max(pageCount, 1)}
        <span className="hidden sm:inline">
          {" "}
          · {totalSize.toLocaleString("en-US")} {totalSize === 1 ? "order" : "orders"}
        </span>
      </p>
      <div className="flex gap-2">
        <button type="button" className={buttonClass} aria-disabled={!onPrevious} onClick={onPrevious}>
          <span aria-hidden="true">←&nbsp;</span>Previous
        </button>
        <button type="button" className={buttonClass} aria-disabled={!onNext} onClick={onNext}>
          Next<span aria-hidden="true">&nbsp;→</span>
        </button>
      </div>
    </nav>
  );
}
