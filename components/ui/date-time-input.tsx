import type { Ref } from "react";
import { describedBy, inputClass } from "./form-field";

/** The message for a date field that is empty or only partly typed, in every form. */
export const incompleteDateMessage = "Enter a complete date and time.";

/**
 * True while the input holds no complete date. Chromium reports a half-typed date as an empty
 * value with `validity.badInput`, and fires no change event for it, so the input itself is asked.
 */
export function isDateIncomplete(input: HTMLInputElement | null | undefined): boolean {
  return !input || input.value === "" || input.validity.badInput;
}

/**
 * A date-and-time input whose text is exactly what the browser reports. It is never re-derived
 * from a parsed Date while the person types: typing a year digit by digit passes through
 * "0002-…", and reformatting that would blank the field.
 */
export function DateTimeInput({
  id,
  name,
  text,
  error,
  inputRef,
  onTextChange,
}: {
  id: string;
  name?: string;
  text: string;
  error: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  onTextChange: (text: string) => void;
}) {
  return (
    <input
      ref={inputRef}
      {...describedBy(id, error)}
      type="datetime-local"
      name={name}
      value={text}
      min="0001-01-01T00:00"
      max="9999-12-31T23:59"
      onChange={(event) => onTextChange(event.target.value)}
      className={`${inputClass} tabular`}
    />
  );
}
