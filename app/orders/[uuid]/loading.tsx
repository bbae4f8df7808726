/** Shown at once when an order is opened, while its page is fetched (on a slow network, seconds). */
export default function OrderLoading() {
  return (
    <div role="status" aria-label="Loading order" className="flex flex-col gap-6">
      <div className="h-5 w-24 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-8 w-2/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-20 animate-pulse rounded-xl bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 animate-pulse rounded-xl bg-zinc-200 dark:bg-zinc-800" />
    </div>
  );
}
