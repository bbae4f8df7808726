import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { Code, ConnectError } from "@connectrpc/connect";

/**
 * True when the service could not answer at all: nothing came back (fetch rejects with a
 * TypeError, which Connect wraps as UNKNOWN), the store is down, or the call timed out. People
 * see one calm "can't reach the server" for all of these, never a protocol code.
 */
export function isOutage(error: unknown): boolean {
  const connectError = ConnectError.from(error);
  if (connectError.code === Code.Unknown) return connectError.cause instanceof TypeError;
  return connectError.code === Code.Unavailable || connectError.code === Code.DeadlineExceeded;
}

/** True when the order a call named no longer exists (deleted here or elsewhere). */
export function isNotFound(error: unknown): boolean {
  return error !== null && error !== undefined && ConnectError.from(error).code === Code.NotFound;
}

/** True when a write was refused because the order changed since it was shown (a stale etag: ABORTED). */
export function isChangedElsewhere(error: unknown): boolean {
  return error !== null && error !== undefined && ConnectError.from(error).code === Code.Aborted;
}

/** The sentence shown for a stale etag, wherever it is shown. */
export const changedElsewhereMessage =
  "This order was changed elsewhere in the meantime, so this change was not made. Its latest version is shown now.";

/** The sentence shown for an outage, wherever it is shown. */
export const outageMessage = "Can't reach the server right now. Nothing you typed is lost.";

/** The sentence shown when the server no longer accepts this tab's sign-in. */
export const signedOutMessage = "You were signed out.";

/** What went wrong with a call, as one sentence for a person: no codes, no internals. */
export function errorSentence(error: unknown): string {
  if (isOutage(error)) return outageMessage;
  const connectError = ConnectError.from(error);
  if (connectError.code === Code.NotFound) return "This order was deleted or does not exist.";
  if (connectError.code === Code.Aborted) return changedElsewhereMessage;
  // The server's reason ("token revoked", "token expired") is for programs; the page offers to
  // sign in again (components/auth/signed-out-notice.tsx).
  if (connectError.code === Code.Unauthenticated) return signedOutMessage;
  // INVALID_ARGUMENT, FAILED_PRECONDITION and the like carry a message written for people;
  // INTERNAL and UNKNOWN are generic on purpose, and read better in our own words.
  if (connectError.code === Code.Internal || connectError.code === Code.Unknown || !connectError.rawMessage) {
    return "Something went wrong on the server. Try again.";
  }
  return connectError.rawMessage;
}

/** The detail type the server attaches to INVALID_ARGUMENT, as it travels on the wire. */
const badRequestType = "google.rpc.BadRequest";

/**
 * Reads field and description of each violation straight from a google.rpc.BadRequest's bytes
 * (`repeated FieldViolation field_violations = 1`, `FieldViolation { string field = 1; string
 * description = 2; … }`) and skips everything else. The generated error_details descriptors
 * would bring every google.rpc detail type and google.protobuf.Duration into each page's
 * JavaScript for these two strings; test/connect-error-text.test.ts checks this reader
 * against them.
 */
export function readFieldViolations(bytes: Uint8Array): { field: string; description: string }[] {
  const violations: { field: string; description: string }[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (number !== 1 || wireType !== WireType.LengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const violation = { field: "", description: "" };
    const inner = new BinaryReader(reader.bytes());
    while (inner.pos < inner.len) {
      const [innerNumber, innerType] = inner.tag();
      if (innerNumber === 1 && innerType === WireType.LengthDelimited) violation.field = inner.string();
      else if (innerNumber === 2 && innerType === WireType.LengthDelimited) violation.description = inner.string();
      else inner.skip(innerType);
    }
    violations.push(violation);
  }
  return violations;
}

/** The server's INVALID_ARGUMENT details (google.rpc.BadRequest) as field -> sentence, for messages beside inputs. */
export function fieldViolations(error: unknown): Map<string, string> {
  const violations = new Map<string, string>();
  if (!(error instanceof ConnectError) || error.code !== Code.InvalidArgument) return violations;
  for (const detail of error.details) {
    // Details a client receives are still bytes; only details made on this side carry a desc.
    if (!("type" in detail) || detail.type !== badRequestType) continue;
    for (const { field, description } of readFieldViolations(detail.value)) {
      if (!violations.has(field)) violations.set(field, description);
    }
  }
  return violations;
}
