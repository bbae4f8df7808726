import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "@/gen/google/rpc/error_details_pb";

/** A failed call, described for a person. */
export type ErrorDescription = {
  /** The Connect code as the protocol spells it, e.g. NOT_FOUND. */
  code: string;
  /** What the server said, or what happened when it could not be reached. */
  message: string;
  /** True when no answer came back at all: the network or the server is down. */
  unreachable: boolean;
};

/** Code.NotFound -> "NOT_FOUND": the form people find in logs and documentation. */
export function codeLabel(code: Code): string {
  return Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** Describes any error thrown by a Connect call. */
export function describeError(error: unknown): ErrorDescription {
  const connectError = ConnectError.from(error);
  // fetch rejects with a TypeError when nothing answers; Connect wraps it as UNKNOWN.
  const unreachable =
    connectError.code === Code.Unknown && connectError.cause instanceof TypeError;
  return {
    code: codeLabel(connectError.code),
    message: unreachable
      ? "The server could not be reached. Check your connection and try again."
      : connectError.rawMessage || "Something went wrong.",
    unreachable,
  };
}

/** The server's INVALID_ARGUMENT details as field -> sentence, for messages beside inputs. */
export function fieldViolations(error: unknown): Map<string, string> {
  const violations = new Map<string, string>();
  if (!(error instanceof ConnectError) || error.code !== Code.InvalidArgument) return violations;
  for (const detail of error.findDetails(BadRequestSchema)) {
    for (const violation of detail.fieldViolations) {
      if (!violations.has(violation.field)) violations.set(violation.field, violation.description);
    }
  }
  return violations;
}

/** One line for a message box: what went wrong, then the code in brackets. */
export function errorSentence(error: unknown): string {
  const { code, message } = describeError(error);
  return `${message} (${code})`;
}
