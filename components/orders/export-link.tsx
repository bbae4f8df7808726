import Link from "next/link";
import { dateRangeOf, listRequestOf } from "@/lib/list-view";
import type { ListView } from "@/lib/list-view";

const linkClass =
  "inline-flex min-h-9 items-center rounded-md border border-zinc-300 px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-800";

/** The REST export of the view on screen: its filters and sort, every page of it. */
export function exportHref(view: ListView, timeZone: string): string {
  // From the first page: a view read from its end asks the list in reverse, the file does not.
  const request = listRequestOf({ ...view, page: "", fromEnd: false }, timeZone);
  const query = new URLSearchParams();
  if (request.completed !== undefined) query.set("completed", String(request.completed));
  if (request.nameContains) query.set("name_contains", request.nameContains);
  if (request.orderBy) query.set("order_by", String(request.orderBy));
  const { from, to } = dateRangeOf(view, timeZone);
  if (from) query.set("date_from", from.toISOString());
  if (to) query.set("date_to", to.toISOString());
  const text = query.toString();
  return `/api/v1/orders:export${text ? `?${text}` : ""}`;
}

/** "Export CSV" for everyone; "Import CSV" for those who may write. */
export function CsvLinks({ view, timeZone, canWrite }: { view: ListView; timeZone: string; canWrite: boolean }) {
  return (
    <div className="flex flex-wrap gap-2">
      {/* A download, not a page: the browser saves the file under the server's name for it. */}
      <a href={exportHref(view, timeZone)} download className={linkClass}>
        Export CSV
      </a>
      {canWrite && (
        <Link href="/orders/import" className={linkClass}>
          Import CSV
        </Link>
      )}
    </div>
  );
}
