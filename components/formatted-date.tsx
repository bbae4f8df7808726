"use client";

import { dateFormatter } from "@/lib/order-dates";
import { useTimeZone } from "./use-time-zone";

/** A date in the person's time zone, with the exact instant in the `dateTime` attribute. */
export function FormattedDate({ date, className }: { date: Date | undefined; className?: string }) {
  const timeZone = useTimeZone();
  if (!date) return <span className={className}>—</span>;
  return (
    <time dateTime={date.toISOString()} className={className} title={date.toISOString()}>
      {dateFormatter("display", timeZone).format(date)}
    </time>
  );
}
