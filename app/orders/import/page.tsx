import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/orders/import-form";
import { ReadOnlyNotice } from "@/components/orders/read-only-notice";
import { requireAccount } from "@/server/auth/current-account";

export const metadata: Metadata = { title: "Import orders" };

/** Creating orders from a CSV file: checked first, the report shown, then created all at once. */
export default async function ImportPage() {
  const account = await requireAccount();
  return (
    <section aria-labelledby="import-heading" className="space-y-6">
      <div className="space-y-2">
        <h1 id="import-heading" className="text-2xl font-semibold tracking-tight">
          Import orders
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A CSV file with a header row: <code>name</code>, and optionally <code>completed</code> (true or false),{" "}
          <code>date</code> (such as 2024-05-01T10:00:00Z; empty is now) and <code>request_id</code> (a row imported
          again with the same one is not created twice). At most 1,000,000 bytes and 10,000 rows. The file is checked
          first; nothing is created until you confirm, and then every row is, or none. See{" "}
          <Link href="/" className="underline">
            the orders
          </Link>
          .
        </p>
      </div>
      {account.role === "viewer" ? <ReadOnlyNotice /> : <ImportForm />}
    </section>
  );
}
