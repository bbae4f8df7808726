import Link from "next/link";

/**
 * What stands where an order was: deleted here or elsewhere, or never there. The same words on
 * the not-found page and wherever a loaded order turns out to be gone.
 */
export function OrderGone() {
  return (
    <div role="status" className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Order not found</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">It was deleted, or the link is mistyped.</p>
      <Link
        href="/"
        className="mt-2 inline-flex h-10 items-center rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-500"
      >
        Back to all orders
      </Link>
    </div>
  );
}
