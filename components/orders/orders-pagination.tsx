import { pageSizes, totalText } from "@/lib/list-view";
import type { PageSize } from "@/lib/list-view";

const buttonClass =
  "inline-flex h-10 items-center rounded-md border border-zinc-300 bg-white px-3 max-sm:px-2.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50 " +
  "aria-disabled:cursor-not-allowed aria-disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800";

type Step = (() => void) | undefined;

function PageButton({ label, onClick, children }: { label: string; onClick: Step; children: React.ReactNode }) {
  return (
    <button type="button" className={buttonClass} aria-label={label} aria-disabled={!onClick} onClick={onClick}>
      {children}
    </button>
  );
}

/**
 * First / Previous / Next / Last over the server's page tokens (Last reads the listing from its
 * end, which keyset paging serves as cheaply as the start), where the person is, and rows per
 * page. The buttons are never `disabled` (that would drop keyboard focus to the page while the
 * next page loads); a button with nothing to do is aria-disabled and ignores presses.
 */
export function OrdersPagination({
  pageNumber,
  pageCount,
  totalSize,
  totalIsEstimate,
  size,
  onSize,
  onFirst,
  onPrevious,
  onNext,
  onLast,
}: {
  pageNumber: number;
  pageCount: number;
  totalSize: number;
  totalIsEstimate: boolean;
  size: PageSize;
  onSize: (size: PageSize) => void;
  onFirst: Step;
  onPrevious: Step;
  onNext: Step;
  onLast: Step;
}) {
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800"
    >
      <p className="tabular text-sm text-zinc-600 dark:text-zinc-400">
        Page {pageNumber} of {totalIsEstimate ? "about " : ""}
        {Math.max(pageCount, 1)}
        <span className="hidden sm:inline">
          {" "}
          · {totalText(totalSize, totalIsEstimate)} {totalSize === 1 ? "order" : "orders"}
        </span>
      </p>
      <div className="flex flex-wrap items-center gap-2 max-sm:gap-1.5">
        <label className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="max-sm:sr-only">Per page</span>
          <select
            aria-label="Orders per page"
            value={size}
            onChange={(event) => onSize(Number(event.target.value) as PageSize)}
            className="h-10 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
          >
            {pageSizes.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <PageButton label="First page" onClick={onFirst}>
          <span aria-hidden="true">«</span>
        </PageButton>
        <button type="button" className={buttonClass} aria-disabled={!onPrevious} onClick={onPrevious}>
          <span aria-hidden="true">←&nbsp;</span>Previous
        </button>
        <button type="button" className={buttonClass} aria-disabled={!onNext} onClick={onNext}>
          Next<span aria-hidden="true">&nbsp;→</span>
        </button>
        <PageButton label="Last page" onClick={onLast}>
          <span aria-hidden="true">»</span>
        </PageButton>
      </div>
    </nav>
  );
}
