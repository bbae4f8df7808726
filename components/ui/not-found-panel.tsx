import Link from "next/link";

/**
 * What stands in place of something that is not there: what happened, and the way back to the list.
 * `role="status"` where it replaces content that was shown a moment ago, so the change is announced.
 */
export function NotFoundPanel({ title, explanation, role }: { title: string; explanation: string; role?: "status" }) {
  return (
    <div role={role} className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{explanation}</p>
      <Link
        href="/"
        className="mt-2 inline-flex h-10 items-center rounded-md bg-indigo-600 px-4 text-sm font-semibold text-white hover:bg-indigo-500"
      >
        Back to all orders
      </Link>
    </div>
  );
}
