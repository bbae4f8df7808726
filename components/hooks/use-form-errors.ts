"use client";

import { useEffect, useState } from "react";
import { errorSentence, fieldViolations } from "@/lib/connect-error-text";

/**
 * Error handling shared by the create and edit forms. Each field's message comes from the
 * browser-side check first, then from the server's google.rpc.BadRequest; a failure not about a
 * field becomes one sentence for the whole form. When a failure arrives, focus moves to the first
 * field in error, or to the form's message, so keyboard and screen-reader users land where it is
 * said. Elements are found by id (`inputIds`, `messageId`), which the form renders anyway.
 */
export function useFormErrors<Field extends string>(
  inputIds: Record<Field, string>,
  messageId: string,
  serverError: unknown,
) {
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const fields = Object.keys(inputIds) as Field[];
  const violations = fieldViolations(serverError);
  const formError =
    serverError && !fields.some((field) => violations.has(field)) ? errorSentence(serverError) : undefined;

  function focusFirstProblem(hasProblem: (field: Field) => boolean) {
    const field = fields.find(hasProblem);
    document.getElementById(field ? inputIds[field] : messageId)?.focus();
  }

  useEffect(() => {
    // Only when a new failure arrives, not on every keystroke after it.
    if (!serverError) return;
    const arrived = fieldViolations(serverError);
    focusFirstProblem((field) => arrived.has(field));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverError]);

  return {
    /** The message to show beside a field, if any. */
    errorOf: (field: Field): string | undefined => localErrors[field] ?? violations.get(field),
    /** The message for the form as a whole (an outage, a conflict), if any. */
    formError,
    /** Shows the browser-side findings; true when there are none and the form may be sent. */
    check(errors: Partial<Record<Field, string | undefined>>): boolean {
      const found: Partial<Record<Field, string>> = {};
      for (const field of fields) if (errors[field]) found[field] = errors[field];
      setLocalErrors(found);
      if (Object.keys(found).length === 0) return true;
      focusFirstProblem((field) => Boolean(found[field]));
      return false;
    },
    /** Forgets a browser-side finding once the person edits that field. */
    clear(field: Field) {
      if (!localErrors[field]) return;
      setLocalErrors((previous) => {
        const next = { ...previous };
        delete next[field];
        return next;
      });
    },
  };
}
