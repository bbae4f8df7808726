import { createHash } from "node:crypto";
import type { Violations } from "./order-mapping";

// Idempotent creates (AIP-155): what identifies a create request, and what it asked for.

const maxRequestIdLength = 128;
const printableAscii = /^[\x20-\x7e]+$/;

/** How long a request_id is remembered, as the proto promises. */
export const requestIdRetentionMs = 24 * 60 * 60 * 1000;

/** The request_id, undefined when absent, or undefined after recording why it is not acceptable. */
export function checkRequestId(requestId: string, violations: Violations): string | undefined {
  if (requestId === "") return undefined;
  if (requestId.length > maxRequestIdLength)
    violations.add(
      "request_id",
      `request_id must be at most ${maxRequestIdLength} characters (it has ${requestId.length}).`,
    );
  else if (!printableAscii.test(requestId))
    violations.add("request_id", "request_id must be printable ASCII characters only; a UUID is best.");
  else return requestId;
  return undefined;
}

/**
 * A digest of what a create asked for, as validated: a retry with the same request_id must ask
 * for the same. The date as sent (normalized), not as resolved: an empty date means "now",
 * which differs between a call and its retry, and is still the same request.
 */
export function createFingerprint(name: string, completed: boolean, requestedDate: Date | undefined): string {
  const request = JSON.stringify([name, completed, requestedDate?.toISOString() ?? ""]);
  return createHash("sha256").update(request).digest("base64url");
}
