import type { ReactNode } from "react";

/** The framed, titled panel an order form stands in; the section is named by its heading. */
export function FormCard({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={headingId} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
