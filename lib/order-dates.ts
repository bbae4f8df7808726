import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

const formatStyles = {
  // What people read: "10 May 2025, 11:00".
  display: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  // Parts for an <input type="datetime-local"> value.
  input: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per style and zone, kept: building an Intl.DateTimeFormat costs far more than using it. */
export function dateFormatter(style: keyof typeof formatStyles, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { ...formatStyles[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A Date as the value of `<input type="datetime-local">` in the given time zone. The zone is
 * explicit (not "the machine's") so the server and the hydrating browser render the same text.
 */
export function toZonedInputValue(date: Date, timeZone: string): string {
  const formatter = dateFormatter("input", timeZone);
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A datetime-local value, read as wall time in the browser's zone (the zone the person sees
 * after hydration), or undefined while the input holds no complete date.
 */
export function fromLocalInputValue(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** An order's RFC 3339 date, or a Timestamp, as a Date. */
export function toDate(value: string | Timestamp | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const date = typeof value === "string" ? new Date(value) : timestampDate(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
