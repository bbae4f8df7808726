import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { codeToHttpStatus, codeToString } from "@connectrpc/connect/protocol-connect";
import { openServices } from "../../server/auth/authenticate";
import { accessOf } from "../../server/auth/permissions";
import type { HttpRoute } from "../../server/rpc/http-rules";
import type { JsonSchema } from "./json-schema";

/** One way a REST route fails: the HTTP status, the gRPC code its body names, and when. */
type ErrorAnswer = {
  code: Code;
  /** Connect's status for the code (rest-error.ts), unless the transcoder refuses the exchange itself. */
  status?: number;
  when: string;
  /** A message as the server words it, for the example. */
  example: string;
  answers: (route: HttpRoute) => boolean;
};

const always = () => true;
const takesBody = (route: HttpRoute) => route.bodyFields.length > 0;
const takesField = (name: string) => (route: HttpRoute) => route.method.input.fields.some((f) => f.name === name);

/**
 * Every error a REST route can answer, and which routes can: a status listed here for a route
 * is one the test (test/openapi.test.ts) provokes or names as not provoked, and an answer
 * outside the list fails it. A new refusal (a new code from an interceptor or a service) needs
 * its row here, or the document says less than the routes do.
 */
const errorAnswers: ErrorAnswer[] = [
  {
    code: Code.InvalidArgument,
    when: "the request does not match its schema or breaks a rule of the method (a google.rpc.BadRequest detail names the fields)",
    example: "Name is required.",
    answers: always,
  },
  {
    code: Code.FailedPrecondition,
    when: "a listing without page_size matches more than one answer may hold",
    example: "More than 4000 orders match; send page_size to read them page by page.",
    answers: takesField("page_size"),
  },
  {
    code: Code.Unauthenticated,
    when: "no credential, or one that is expired, invalid or revoked",
    example: "token not found",
    answers: (route) => !openServices.has(route.method.parent.typeName),
  },
  {
    code: Code.PermissionDenied,
    when: "a write by a viewer or with a read-scoped token (a google.rpc.ErrorInfo detail gives the reason: ROLE_READ_ONLY or TOKEN_SCOPE_READ_ONLY)",
    example: "This token's scope is read: it can read orders but not change them. Use a token with the write scope.",
    answers: (route) => !openServices.has(route.method.parent.typeName) && accessOf(route.method) === "write",
  },
  {
    code: Code.NotFound,
    when: "nothing has the id in the path",
    example: "Order 0d4c5ab6-2b2e-4a4f-9c53-7f7f3e1c2d10 was not found.",
    answers: (route) => route.pathFields.length > 0,
  },
  {
    code: Code.Aborted,
    when: "the etag sent is stale, or the write met a concurrent one: read again, then retry",
    example:
      'Order 0d4c5ab6-2b2e-4a4f-9c53-7f7f3e1c2d10 was changed since it was read (its etag is now "3"); read it again, then retry.',
    answers: (route) => route.method.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS,
  },
  {
    code: Code.AlreadyExists,
    when: "request_id was already used with other values (AIP-155)",
    example:
      "request_id 7b1b… was already used to create an order with another name, completed or date; send a new request_id for a new order.",
    answers: takesField("request_id"),
  },
  {
    code: Code.ResourceExhausted,
    when: "as many exports as the server runs at once (4) are running: try again shortly",
    example: "4 exports are running on this server; try again shortly.",
    answers: (route) => route.rawAnswer,
  },
  {
    code: Code.ResourceExhausted,
    status: 413,
    when: "the body is larger than 1 MiB (whether the route reads one or not)",
    example: "the request body is larger than 1048576 bytes",
    answers: always,
  },
  {
    code: Code.ResourceExhausted,
    when: "the caller (a token or session) already has 32 calls running and 1,000 waiting (CALLS_RUNNING_PER_CALLER, CALLS_WAITING_PER_CALLER): retry later",
    example: "Too many calls from service:batch at once: at most 32 run and 1000 wait.",
    answers: (route) => !openServices.has(route.method.parent.typeName),
  },
  {
    code: Code.InvalidArgument,
    status: 415,
    when: "the body is not JSON (Content-Type: application/json)",
    example: "the request body must be JSON (Content-Type: application/json)",
    answers: takesBody,
  },
  {
    code: Code.Internal,
    when: "a fault of the server; the answer says no more, the server's log does",
    example: "Internal error.",
    answers: always,
  },
  {
    code: Code.Unavailable,
    when: "the database or a service the method calls cannot be reached, or the server is shutting down: retry later",
    example: "The order store is unavailable; try again shortly.",
    answers: always,
  },
];

const codeName = (code: Code) => codeToString(code).toUpperCase();
const pascal = (code: Code) =>
  codeToString(code)
    .split("_")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");

/** Google AIP-193's error body, as rest-error.ts writes it, for these codes under this status. */
function errorSchema(status: number, codes: Code[]): JsonSchema {
  return {
    type: "object",
    required: ["error"],
    additionalProperties: false,
    properties: {
      error: {
        type: "object",
        required: ["code", "status", "message", "details"],
        additionalProperties: false,
        properties: {
          code: { type: "integer", const: status, description: "The HTTP status." },
          status: { type: "string", enum: codes.map(codeName), description: "The gRPC code." },
          message: { type: "string" },
          details: {
            type: "array",
            description: "google.rpc details such as BadRequest and ErrorInfo, each with its @type.",
            items: { type: "object", properties: { "@type": { type: "string" } }, required: ["@type"] },
          },
        },
      },
    },
  };
}

/** A route's error answers: for each status, the name of a response in `responses` (added there). */
export function errorResponses(route: HttpRoute, responses: Record<string, unknown>): Record<string, { $ref: string }> {
  const byStatus = new Map<number, ErrorAnswer[]>();
  for (const answer of errorAnswers.filter((candidate) => candidate.answers(route))) {
    const status = answer.status ?? codeToHttpStatus(answer.code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), answer]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, answers]) => {
      const codes = answers.map((answer) => answer.code);
      const name = `${status}${codes.map(pascal).join("Or")}`;
      responses[name] ??= {
        description: answers.map((answer) => `${codeName(answer.code)}: ${answer.when}.`).join("\n\n"),
        content: {
          "application/json": {
            schema: errorSchema(status, codes),
            example: {
              error: { code: status, status: codeName(answers[0]!.code), message: answers[0]!.example, details: [] },
            },
          },
        },
      };
      return [String(status), { $ref: `#/components/responses/${name}` }];
    }),
  );
}
