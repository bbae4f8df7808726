"use client";

import { useTimeZone } from "./use-time-zone";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A date in the person's time zone, with the exact instant in the `dateTime` attribute. */
export function FormattedDate({ date, className }: { date: Date | undefined; className?: string }) {
  const timeZone = useTimeZone();
  if (!date) return <span className={className}>—</span>;
  return (
    <time dateTime={date.toISOString()} className={className} title={date.toISOString()}>
      {formatterFor(timeZone).format(date)}
    </time>
  );
}
