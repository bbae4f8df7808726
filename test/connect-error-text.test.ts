// The UI's reader of google.rpc.BadRequest bytes, checked against the generated descriptors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";
import { Code, ConnectError } from "@connectrpc/connect";
import { BadRequestSchema } from "../gen/google/rpc/error_details_pb";
import { errorSentence, readFieldViolations } from "../lib/connect-error-text";

test("readFieldViolations reads what the generated BadRequest writes, and skips the rest", () => {
  const violation = fc.record({
    field: fc.string(),
    description: fc.string(),
    reason: fc.string(),
    localizedMessage: fc.option(fc.record({ locale: fc.string(), message: fc.string() }), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(violation, { maxLength: 5 }), (fieldViolations) => {
      const bytes = toBinary(BadRequestSchema, create(BadRequestSchema, { fieldViolations }));
      assert.deepEqual(
        readFieldViolations(bytes),
        fieldViolations.map(({ field, description }) => ({ field, description })),
      );
    }),
  );
});

test("a refused credential reads as signed out, never as the server's token jargon", () => {
  for (const reason of ["token revoked", "token expired", "token not found", "token invalid"]) {
    assert.equal(errorSentence(new ConnectError(reason, Code.Unauthenticated)), "You were signed out.");
  }
});
