import assert from "node:assert/strict";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "../../gen/google/rpc/error_details_pb";

/** Awaits a call that must fail with `code`, and returns the error for further checks. */
export async function rejectsWith(call: Promise<unknown>, code: Code): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    const connectError = ConnectError.from(error);
    assert.equal(Code[connectError.code], Code[code], `expected ${Code[code]}, got: ${connectError.message}`);
    return connectError;
  }
  assert.fail(`expected ${Code[code]}, but the call succeeded`);
}

/** The request fields named by the BadRequest details, as a UI would read them. */
export function violatedFields(error: ConnectError): string[] {
  const details = error.findDetails(BadRequestSchema);
  assert.ok(details.length > 0, `INVALID_ARGUMENT without BadRequest details: ${error.message}`);
  return details.flatMap((detail) => detail.fieldViolations.map((violation) => violation.field));
}

/** Fails with INVALID_ARGUMENT and names exactly these fields, each with a description. */
export async function rejectsFields(call: Promise<unknown>, fields: string[]): Promise<ConnectError> {
  const error = await rejectsWith(call, Code.InvalidArgument);
  assert.deepEqual(violatedFields(error), fields);
  for (const detail of error.findDetails(BadRequestSchema)) {
    for (const violation of detail.fieldViolations) assert.ok(violation.description.length > 0, "empty description");
  }
  return error;
}

/** Fails with `code` and an ErrorInfo of `reason`; returns the error and that ErrorInfo's metadata. */
export async function rejectsWithReason(call: Promise<unknown>, code: Code, reason: string) {
  const error = await rejectsWith(call, code);
  const [info] = error.findDetails(ErrorInfoSchema);
  assert.equal(info?.reason, reason, `ErrorInfo reason of: ${error.message}`);
  return { error, metadata: info.metadata };
}

/** The code a call ended with, or "ok": for tests that tally what many calls got. */
export async function codeOf(call: Promise<unknown>): Promise<Code | "ok"> {
  try {
    await call;
    return "ok";
  } catch (error) {
    return ConnectError.from(error).code;
  }
}
