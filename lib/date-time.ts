import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

/** The cookie the browser writes its time zone into, so the next server render already uses it. */
export const timeZoneCookie = "tz";

/**
 * Fields shown for every date, in tables and inputs alike. They are the fields Chromium's
 * `<input type="datetime-local">` shows, so with the same locale both read "11/07/2024, 03:02 PM"
 * (en-US) or "07/11/2024, 15:02" (en-GB): one format on every screen.
 */
const displayFields = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
} satisfies Intl.DateTimeFormatOptions;

/** Wall-time parts of an instant in a zone, for input values and offset arithmetic. */
const partFields = {
  ...displayFields,
  second: "2-digit",
  hourCycle: "h23",
  era: "short",
} satisfies Intl.DateTimeFormatOptions;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one; a page formats hundreds of dates.
function formatter(kind: "display" | "parts", locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...(kind === "display" ? displayFields : partFields), timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/** A date as people read it in the given locale and zone. */
export function formatDateTime(date: Date, locale: string, timeZone: string): string {
  return formatter("display", locale, timeZone).format(date);
}

/** A calendar date and clock time, without a zone. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** Wall-time parts of an instant in a zone. */
export function wallTimeOf(date: Date, timeZone: string): WallTime {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter("parts", "en-US", timeZone).formatToParts(date)) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    // Intl counts years before 1 AD as "1 BC"; astronomical numbering makes that year 0.
    year: parts.era === "BC" ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds since the epoch of a wall time read as UTC; years 0–99 stay years 0–99. */
export function utcMillis({ year, month, day, hour, minute, second }: WallTime): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime();
}

/**
 * The instant whose wall time in the zone is `wall`, or undefined when the zone's clocks never
 * showed it (the hour skipped when daylight saving starts).
 */
export function instantOf(wall: WallTime, timeZone: string): Date | undefined {
  const asUtc = utcMillis(wall);
  // The zone's offset at that moment; computed twice because the first guess may sit on the
  // other side of a daylight-saving change.
  let instant = asUtc - (utcMillis(wallTimeOf(new Date(asUtc), timeZone)) - asUtc);
  instant = asUtc - (utcMillis(wallTimeOf(new Date(instant), timeZone)) - instant);
  // Round trip: inside a gap the arithmetic lands an hour off, and the instant reads back as a
  // different wall time than the one typed. Storing that would silently change the person's date.
  return utcMillis(wallTimeOf(new Date(instant), timeZone)) === asUtc ? new Date(instant) : undefined;
}

/**
 * The first instant of a calendar day (YYYY-MM-DD) in the zone, `plusDays` later: its midnight,
 * or where a zone skips midnight for daylight saving (America/Santiago), its first hour that exists.
 */
export function startOfDayIn(day: string, plusDays: number, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  const calendar = new Date(utcMillis({ year: year!, month: month!, day: date!, hour: 0, minute: 0, second: 0 }));
  calendar.setUTCDate(calendar.getUTCDate() + plusDays);
  const wall = { year: calendar.getUTCFullYear(), month: calendar.getUTCMonth() + 1, day: calendar.getUTCDate() };
  return (
    instantOf({ ...wall, hour: 0, minute: 0, second: 0 }, timeZone) ??
    instantOf({ ...wall, hour: 1, minute: 0, second: 0 }, timeZone)!
  );
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * An instant as the value of `<input type="datetime-local">` in the given zone, such as
 * "2025-03-15T14:36". The year always has four digits: "2-03-15T14:36" is not a valid value,
 * and Chromium answers it by blanking the whole input.
 */
export function toWallTimeText(date: Date, timeZone: string): string {
  const wall = wallTimeOf(date, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** An order's RFC 3339 date, or a Timestamp, as a Date. */
export function toDate(value: string | Timestamp | undefined): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const date = typeof value === "string" ? new Date(value) : timestampDate(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The zone if Intl knows it (a cookie can be edited by hand), else undefined. */
export function knownTimeZone(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The first language of an Accept-Language header that Intl supports, else "en-US". */
export function preferredLocale(acceptLanguage: string | null | undefined): string {
  for (const entry of (acceptLanguage ?? "").split(",")) {
    const tag = entry.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed language tag; try the next one.
    }
  }
  return "en-US";
}
