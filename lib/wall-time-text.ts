import { utcMillis, wallTimeOf } from "./date-time";
import type { WallTime } from "./date-time";

// Wall times (what a datetime-local input or a calendar day names) as instants in a given zone.

const wallTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall time a datetime-local value names, if it is a complete, real calendar date and time. */
function parseWallTime(text: string): WallTime | undefined {
  const match = wallTimePattern.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
  const wall: WallTime = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second };
  if (wall.year < 1 || wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.hour > 23 || wall.minute > 59)
    return undefined;
  // Reject 31 February and the like: the UTC calendar must give back the same day.
  if (new Date(utcMillis(wall)).getUTCDate() !== wall.day) return undefined;
  return wall;
}

/**
 * The instant whose wall time in the zone is `wall`, or undefined when the zone's clocks never
 * showed it (the hour skipped when daylight saving starts).
 */
function instantOf(wall: WallTime, timeZone: string): Date | undefined {
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
 * The instant a datetime-local value means in the given zone, or undefined when the text is not
 * a complete, real date and time (what a half-typed input reports), or names a time the zone's
 * clocks skipped. The zone is explicit rather than the machine's, so the result does not depend
 * on where this code runs.
 */
export function fromWallTimeText(text: string, timeZone: string): Date | undefined {
  const wall = parseWallTime(text);
  return wall && instantOf(wall, timeZone);
}

/**
 * True when the text is a complete date and time that never happened in the zone: the clocks
 * moved forward past it (2025-03-09T02:30 in America/New_York). Forms say so instead of
 * "incomplete", which would puzzle someone who typed every digit.
 */
export function isSkippedWallTime(text: string, timeZone: string): boolean {
  const wall = parseWallTime(text);
  return wall !== undefined && instantOf(wall, timeZone) === undefined;
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
