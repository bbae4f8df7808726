import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatDateTime, knownTimeZone, preferredLocale, toWallTimeText } from "../lib/date-time";
import { fromWallTimeText, isSkippedWallTime } from "../lib/wall-time-text";

describe("wall time in a zone", () => {
  test("what a person types is read in their zone, and shown back the same", () => {
    const date = fromWallTimeText("2025-03-15T14:36", "America/New_York");
    assert.ok(date);
    assert.equal(date.toISOString(), "2025-03-15T18:36:00.000Z");
    assert.equal(toWallTimeText(date, "America/New_York"), "2025-03-15T14:36");
    assert.equal(fromWallTimeText("2025-03-15T14:36", "Pacific/Kiritimati")?.toISOString(), "2025-03-15T00:36:00.000Z");
  });

  test("years below 1000 keep four digits, the form an input accepts", () => {
    const date = fromWallTimeText("0002-03-15T14:36", "UTC");
    assert.ok(date);
    assert.equal(date.toISOString(), "0002-03-15T14:36:00.000Z");
    assert.equal(toWallTimeText(date, "UTC"), "0002-03-15T14:36");
    assert.equal(
      toWallTimeText(fromWallTimeText("0001-01-01T00:00", "Europe/Berlin")!, "Europe/Berlin"),
      "0001-01-01T00:00",
    );
  });

  test("either side of a daylight-saving change", () => {
    assert.equal(fromWallTimeText("2025-11-02T00:30", "America/New_York")?.toISOString(), "2025-11-02T04:30:00.000Z");
    assert.equal(fromWallTimeText("2025-11-02T03:30", "America/New_York")?.toISOString(), "2025-11-02T08:30:00.000Z");
  });

  test("a time the clocks skipped is refused, not moved by an hour", () => {
    // 2025-03-09 in New York: 01:59 EST is followed by 03:00 EDT.
    assert.equal(fromWallTimeText("2025-03-09T02:30", "America/New_York"), undefined);
    assert.equal(isSkippedWallTime("2025-03-09T02:30", "America/New_York"), true);
    assert.equal(isSkippedWallTime("2025-03-09T02:00", "America/New_York"), true);
    // The minutes either side of the gap exist, and are what was typed.
    assert.equal(fromWallTimeText("2025-03-09T01:59", "America/New_York")?.toISOString(), "2025-03-09T06:59:00.000Z");
    assert.equal(fromWallTimeText("2025-03-09T03:00", "America/New_York")?.toISOString(), "2025-03-09T07:00:00.000Z");
    // The same wall time elsewhere, or on another day, is an ordinary time.
    assert.equal(isSkippedWallTime("2025-03-09T02:30", "Europe/Berlin"), false);
    assert.equal(fromWallTimeText("2025-03-30T02:30", "Europe/Berlin"), undefined);
    // A fall-back hour happens twice: ambiguous, but real, so it is accepted.
    assert.equal(isSkippedWallTime("2025-11-02T01:30", "America/New_York"), false);
    assert.ok(fromWallTimeText("2025-11-02T01:30", "America/New_York"));
    // Text that is not a date at all is incomplete, not skipped.
    assert.equal(isSkippedWallTime("2025-03-09", "America/New_York"), false);
  });

  test("incomplete or impossible text is no date", () => {
    for (const text of [
      "",
      "2-03-15T14:36",
      "2025-03-15",
      "2025-02-30T10:00",
      "2025-13-01T10:00",
      "2025-01-01T24:00",
      "0000-01-01T00:00",
    ]) {
      assert.equal(fromWallTimeText(text, "UTC"), undefined, text);
    }
  });
});

describe("display and request context", () => {
  test("tables use the fields the date input shows, in the reader's locale", () => {
    const date = new Date("2024-11-07T15:02:00Z");
    assert.equal(formatDateTime(date, "en-US", "UTC"), "11/07/2024, 03:02 PM");
    assert.equal(formatDateTime(date, "en-GB", "UTC"), "07/11/2024, 15:02");
  });

  test("a hand-edited zone cookie or language header falls back safely", () => {
    assert.equal(knownTimeZone("Europe/Paris"), "Europe/Paris");
    assert.equal(knownTimeZone("Mars/Olympus"), undefined);
    assert.equal(preferredLocale("de-CH,de;q=0.9,en;q=0.8"), "de-CH");
    assert.equal(preferredLocale("*, not a tag"), "en-US");
    assert.equal(preferredLocale(null), "en-US");
  });
});
