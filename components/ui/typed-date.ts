import { fromWallTimeText, isSkippedWallTime } from "@/lib/wall-time-text";
import { incompleteDateMessage, isDateIncomplete } from "./date-time-input";

/** The message for a date and time the clocks skipped when daylight saving began. */
export const skippedDateMessage =
  "That time did not exist here: the clocks moved forward at that moment. Choose a time after the change.";

/** Why the input's text gives no date: skipped by the clocks, or not complete yet. */
export function dateProblemOf(input: HTMLInputElement | null | undefined, text: string, timeZone: string): string {
  // A half-typed input reports no change event, so `text` may be an older value: ask the input first.
  return !isDateIncomplete(input) && isSkippedWallTime(text, timeZone) ? skippedDateMessage : incompleteDateMessage;
}

/** The instant a date input holds in the zone, or why it holds none: what a form sends, or says. */
export function typedDate(
  input: HTMLInputElement | null | undefined,
  text: string,
  timeZone: string,
): { date: Date; problem?: undefined } | { date?: undefined; problem: string } {
  const date = isDateIncomplete(input) ? undefined : fromWallTimeText(text, timeZone);
  return date ? { date } : { problem: dateProblemOf(input, text, timeZone) };
}
