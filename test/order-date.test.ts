import assert from "node:assert/strict";
import { test } from "node:test";
import { parseOrderDate } from "../server/orders/order-mapping";

const parsed = (text: string) => parseOrderDate(text)?.toISOString();

test("reads the original's Python form and RFC 3339 with any offset as the same instant", () => {
  for (const text of [
    "2024-05-01 10:00:00.123456Z",
    "2024-05-01T10:00:00.123Z",
    "2024-05-01t10:00:00.123z",
    "2024-05-01T12:00:00.123+02:00",
    "2024-05-01T12:00:00.123+0200",
    "2024-05-01T01:30:00.123-08:30",
    "2024-05-01T10:00:00,123Z",
    "  2024-05-01T10:00:00.123Z  ",
  ]) {
    assert.equal(parsed(text), "2024-05-01T10:00:00.123Z", text);
  }
});

test("treats a time without offset as UTC and a bare date as its midnight UTC", () => {
  assert.equal(parsed("2024-05-01T10:00:00"), "2024-05-01T10:00:00.000Z");
  assert.equal(parsed("2024-05-01 10:00"), "2024-05-01T10:00:00.000Z");
  assert.equal(parsed("2024-05-01"), "2024-05-01T00:00:00.000Z");
});

test("keeps milliseconds, truncating finer digits rather than rounding", () => {
  assert.equal(parsed("2024-05-01T10:00:00.9999999Z"), "2024-05-01T10:00:00.999Z");
  assert.equal(parsed("2024-05-01T10:00:00.1Z"), "2024-05-01T10:00:00.100Z");
});

test("crosses day and year boundaries when applying offsets", () => {
  assert.equal(parsed("2024-01-01T01:00:00+02:00"), "2023-12-31T23:00:00.000Z");
  assert.equal(parsed("2024-02-29T23:30:00-01:00"), "2024-03-01T00:30:00.000Z");
});

test("refuses what is not a real timestamp", () => {
  for (const text of [
    "",
    "now",
    "2024-5-1",
    "2023-02-29",
    "2024-04-31",
    "2024-00-10",
    "2024-05-01T24:00:00Z",
    "2024-05-01T10:60:00Z",
    "2024-05-01T10:00:60Z",
    "2024-05-01T10:00:00+24:00",
    "2024-05-01T10:00:00+01:60",
    "2024-05-01T10:00:00 UTC",
    "0000-01-01",
    "0001-01-01T00:00:00+01:00",
    "1714557600",
    "10000-01-01",
  ]) {
    assert.equal(parseOrderDate(text), undefined, text);
  }
});

test("answers in one canonical form that parses back to the same instant", () => {
  for (const text of [
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999Z",
    "1970-01-01",
    "2024-05-01 10:00:00.5+05:45",
  ]) {
    const date = parseOrderDate(text)!;
    const wire = date.toISOString();
    assert.match(wire, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, text);
    assert.equal(parseOrderDate(wire)?.getTime(), date.getTime(), text);
  }
});
