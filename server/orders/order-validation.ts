import type { FieldViolation } from "./order-errors";
import { parseOrderDate } from "./order-date";

export const maxNameLength = 200;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 controls plus the line and paragraph separators: invisible, and they break rows.
const controlCharacter = /[\p{Cc}\u2028\u2029]/u;

/** Collects violations while the request is checked, so all of them are reported at once. */
export class Violations {
  readonly list: FieldViolation[] = [];

  add(field: string, description: string): void {
    this.list.push({ field, description });
  }
}

/** The trimmed name, or undefined after recording why it is not acceptable. */
export function checkName(name: string, violations: Violations, field = "name"): string | undefined {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0) violations.add(field, "Name is required.");
  else if (length > maxNameLength) violations.add(field, `Name must be at most ${maxNameLength} characters (it has ${length}).`);
  else if (controlCharacter.test(trimmed)) violations.add(field, "Name must not contain control characters.");
  else return trimmed;
  return undefined;
}

/** The lowercase uuid, or undefined after recording why it is not one. */
export function checkUuid(uuid: string, violations: Violations, field = "uuid"): string | undefined {
  if (uuidPattern.test(uuid)) return uuid.toLowerCase();
  violations.add(field, uuid === "" ? "uuid is required." : "uuid must be a UUID such as 123e4567-e89b-12d3-a456-426614174000.");
  return undefined;
}

/** The parsed date (now when empty and `emptyMeansNow`), or undefined after recording why not. */
export function checkDate(text: string, violations: Violations, emptyMeansNow: boolean): Date | undefined {
  if (text.trim() === "") return emptyMeansNow ? new Date() : undefined;
  const date = parseOrderDate(text);
  if (!date) violations.add("date", "Date must be an RFC 3339 timestamp such as 2024-05-01T10:00:00Z.");
  return date;
}

// Prisma turns `contains` into LIKE without escaping its wildcards (prisma/prisma#19506), and
// SQLite's LIKE has no escape character. So %, _ and PostgreSQL's escape \ are folded into
// control characters, which names cannot contain: stored and searched alike, they match literally.
const likeSpecials: Record<string, string> = { "%": "\u0001", _: "\u0002", "\\": "\u0003" };

/** Folds a name for case-insensitive search; the same fold is stored and applied to queries. */
export function foldName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/[%_\\]/g, (special) => likeSpecials[special] ?? special);
}
