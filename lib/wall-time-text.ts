import { instantOf, utcMillis } from "./date-time";
import type { WallTime } from "./date-time";

// Reading what a person typed into a datetime-local input: forms need it when they are sent,
// not to show a page, so the list page fetches it once its create form's date is edited.

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
