// The wire keeps the original's string date. Accepted: RFC 3339 and the ISO 8601 forms
// the original's Python clients send ("2024-05-01 10:00:00.123456Z", "2024-05-01T10:00:00",
// "2024-05-01"). A time without an offset is UTC. Precision is milliseconds; extra digits
// are truncated. Years 0001..9999, so every stored date has one canonical text form.
const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Parses an order date, or returns undefined when it is not a valid timestamp. */
export function parseOrderDate(text: string): Date | undefined {
  const match = isoDateTime.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number, number, number, number, number, number,
  ];
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  const offsetMinutes = parseOffsetMinutes(offset);
  if (offsetMinutes === undefined) return undefined;
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  const storedYear = date.getUTCFullYear();
  return storedYear >= 1 && storedYear <= 9999 ? date : undefined;
}

function parseOffsetMinutes(offset: string): number | undefined {
  if (offset === "Z" || offset === "z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (offset.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}

/** The one form dates take on the wire: RFC 3339 in UTC with milliseconds. */
export function formatOrderDate(date: Date): string {
  return date.toISOString();
}
