import type { Timestamp } from "@bufbuild/protobuf/wkt";
import type { Order } from "../../gen/order/order_pb";
import { maxNameLength } from "../../lib/order-limits";
import { InvalidOrderRequest } from "./order-errors";
import type { FieldViolation } from "./order-errors";
import type { OrderRow } from "./order-repository";

// Wire <-> storage for orders: request fields are checked and turned into stored values here,
// stored rows into messages. The only module that knows both shapes.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 controls plus the line and paragraph separators: invisible, and they break rows.
const controlCharacter = /[\p{Cc}\u2028\u2029]/u;

/** Collects violations while a request is checked, so all of them are reported at once. */
export class Violations {
  readonly list: FieldViolation[] = [];

  add(field: string, description: string): void {
    this.list.push({ field, description });
  }

  /** Throws the collected violations, if any; otherwise returns `value`. */
  check<T>(value: T | undefined): T {
    if (this.list.length > 0 || value === undefined) throw new InvalidOrderRequest(this.list);
    return value;
  }
}

/** The trimmed name, or undefined after recording why it is not acceptable. */
export function checkName(name: string, violations: Violations, field = "name"): string | undefined {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0) violations.add(field, "Name is required.");
  else if (length > maxNameLength)
    violations.add(field, `Name must be at most ${maxNameLength} characters (it has ${length}).`);
  else if (controlCharacter.test(trimmed)) violations.add(field, "Name must not contain control characters.");
  else return trimmed;
  return undefined;
}

/** The lowercase uuid, or undefined after recording why it is not one. */
export function checkUuid(uuid: string, violations: Violations, field = "uuid"): string | undefined {
  if (uuidPattern.test(uuid)) return uuid.toLowerCase();
  violations.add(
    field,
    uuid === "" ? "uuid is required." : "uuid must be a UUID such as 123e4567-e89b-12d3-a456-426614174000.",
  );
  return undefined;
}

/** A uuid that is valid, or INVALID_ARGUMENT naming the field. */
export function validUuid(uuid: string): string {
  const violations = new Violations();
  return violations.check(checkUuid(uuid, violations));
}

/** The parsed date (now when empty and `emptyMeansNow`), or undefined after recording why not. */
export function checkDate(text: string, violations: Violations, emptyMeansNow: boolean): Date | undefined {
  if (text.trim() === "") return emptyMeansNow ? new Date() : undefined;
  const date = parseOrderDate(text);
  if (!date) violations.add("date", "Date must be an RFC 3339 timestamp such as 2024-05-01T10:00:00Z.");
  return date;
}

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
    number,
    number,
    number,
    number,
    number,
    number,
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

// Messages are built as the plain objects create() returns (a protobuf-es message is a plain
// object with its $typeName): create() walks the schema for every message, three per order,
// and that was most of the time a 50-order page took to map. The types keep every field set.
function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  // As timestampFromDate computes it.
  return { $typeName: "google.protobuf.Timestamp", seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** The wire form of a stored order; dates as RFC 3339 in UTC with milliseconds. */
export function toOrderMessage(
  row: Omit<OrderRow, "nameFolded" | "nameKey"> & { deleteTime?: Date; purgeTime?: Date },
): Order {
  const order: Order = {
    $typeName: "order.Order",
    uuid: row.uuid,
    name: row.name,
    completed: row.completed,
    date: row.date.toISOString(),
    createTime: toTimestamp(row.createTime),
    updateTime: toTimestamp(row.updateTime),
    etag: toEtag(row.version),
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
  // Only a deleted order has them (AIP-164); a live one leaves both unset.
  if (row.deleteTime) order.deleteTime = toTimestamp(row.deleteTime);
  if (row.purgeTime) order.purgeTime = toTimestamp(row.purgeTime);
  return order;
}

/** The etag of an order at a version: opaque to callers, and different after every write. */
export function toEtag(version: number): string {
  return `"${version}"`;
}

// The versions an etag can name: a stored Int (32-bit on both providers).
const etagPattern = /^"([1-9][0-9]{0,9})"$/;
const maxVersion = 2 ** 31 - 1;

/**
 * The version an etag names, undefined when it is empty (no condition), or undefined after
 * recording that it is not one this service issues.
 */
export function checkEtag(etag: string, violations: Violations): number | undefined {
  if (etag === "") return undefined;
  const version = Number(etagPattern.exec(etag)?.[1] ?? Number.NaN);
  if (version <= maxVersion) return version;
  violations.add(
    "etag",
    'etag must be one this service returned, such as "3" (with the quotes); read the order to get it.',
  );
  return undefined;
}
