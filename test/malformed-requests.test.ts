// Generated malformed requests (fast-check) against `next start` and its gRPC port, over real
// sockets, in the four protocols. Each must get a proper error code and no server fault, the
// server must keep serving, and no stored order may change. The figures are printed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { DescMessage } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import Database from "better-sqlite3";
import fc from "fast-check";
import { CheckStatusOrderRequestSchema } from "../gen/check/check_pb";
import {
  CreateOrderRequestSchema,
  DeleteOrderRequestSchema,
  ListOrdersRequestSchema,
  OrderService,
  ReadOrderRequestSchema,
  UpdateOrderRequestSchema,
} from "../gen/order/order_pb";
import { appPerFile } from "./support/app-per-file";
import { protocols } from "./support/protocol-transports";
import { connectPost, envelope, grpcPost, grpcWebPost, gzip, http2Session } from "./support/raw-rpc";
import type { RawAnswer } from "./support/raw-rpc";

const app = appPerFile();
const runsPerProtocol = 130;

const requestSchemas: Record<string, DescMessage> = {
  CreateOrder: CreateOrderRequestSchema,
  ReadOrder: ReadOrderRequestSchema,
  UpdateOrder: UpdateOrderRequestSchema,
  DeleteOrder: DeleteOrderRequestSchema,
  ListOrders: ListOrdersRequestSchema,
  CheckStatusOrder: CheckStatusOrderRequestSchema,
};
const method = fc.constantFrom(...Object.keys(requestSchemas));

// --- What is sent -------------------------------------------------------------------------
const controlCharacter = fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code));
const jsonBody = fc.oneof(
  fc.string(), // mostly not JSON at all
  fc.json().map((json) => json.slice(0, Math.max(1, json.length - 1))), // truncated JSON
  fc
    .record({ name: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object()) })
    .map((v) => JSON.stringify(v)), // wrong types
  fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }).map((v) => JSON.stringify(v)), // unknown fields
  fc.record({ uuid: fc.string(), name: fc.constant("Probe") }).map((v) => JSON.stringify(v)), // invalid uuids
  fc.record({ name: fc.constant("Probe"), date: fc.string({ minLength: 1 }) }).map((v) => JSON.stringify(v)), // invalid dates
  fc.record({ pageToken: fc.base64String({ minLength: 4 }), pageSize: fc.integer() }).map((v) => JSON.stringify(v)), // forged tokens
  fc.string({ unit: controlCharacter, minLength: 1 }).map((name) => JSON.stringify({ name })), // control characters
  fc.integer({ min: 201, max: 50_000 }).map((length) => JSON.stringify({ name: "x".repeat(length) })), // oversized strings
);
const validProto = toBinary(CreateOrderRequestSchema, create(CreateOrderRequestSchema, { name: "Probe order" }));
const protoBody = fc.oneof(
  fc.uint8Array({ maxLength: 300 }), // random bytes
  fc.nat(validProto.length - 1).map((cut) => validProto.subarray(0, cut)), // truncated
  fc.tuple(fc.nat(validProto.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
    const flipped = Uint8Array.from(validProto);
    flipped[at] = byte; // a corrupted tag, wire type or length
    return flipped;
  }),
);
// The bodies are never really compressed: gzip and br (which the server supports) fail to decompress.
const contentEncoding = fc.constantFrom(undefined, undefined, "gzip", "br", "x-unknown");
const supported = (encoding: string | undefined) => encoding === undefined || encoding === "gzip" || encoding === "br";
const grpcEncoding = fc.constantFrom(undefined, undefined, "gzip", "snappy", "x-unknown");
const envelopeFlags = fc.constantFrom(0, 0, 1, 2, 0x80, 0xff);
const lengthSkew = fc.constantFrom(0, 0, 1, -1, 1 << 30);
// Mostly the server's own token, so requests reach the checks behind the credential check;
// sometimes none, or garbage where a token goes.
const credential = fc.oneof(
  { weight: 4, arbitrary: fc.constant("valid") },
  { weight: 1, arbitrary: fc.constant("none") },
  { weight: 1, arbitrary: fc.stringMatching(/^[!-~][ -~]{0,60}$/) },
);
const credentialHeaders = (value: string): Record<string, string> =>
  value === "none" ? {} : { "rpc-auth": value === "valid" ? app.server.token : value };
const grpcTimeout = fc.constantFrom(undefined, undefined, "1S", "abc", "999999999H", "-1m", "0n");

/** A call on the gRPC framing (gRPC and gRPC-Web): a payload in an envelope that may lie about itself. */
const framedCall = fc.record({
  m: method,
  payload: protoBody,
  flags: envelopeFlags,
  skew: lengthSkew,
  encoding: grpcEncoding,
  auth: credential,
});
type FramedCall = { m: string; payload: Uint8Array; flags: number; skew: number; encoding: string | undefined };

/** A protobuf payload the server cannot decode: grpc-go answers INTERNAL for those too. */
function undecodable(methodName: string, payload: Uint8Array): boolean {
  try {
    fromBinary(requestSchemas[methodName]!, payload);
    return false;
  } catch {
    return true;
  }
}

/** What grpc-go would answer for a framed call; `compressed` when the body is gzipped without saying so. */
function expectedOfFramed(call: FramedCall, compressed: boolean): Expected {
  const bentEnvelope = call.flags !== 0 || call.skew !== 0;
  return {
    internalAsGrpcGo: bentEnvelope || compressed || undecodable(call.m, call.payload),
    unimplemented: !supported(call.encoding) || bentEnvelope,
  };
}

// --- What comes back ----------------------------------------------------------------------
type Tally = { sent: number; codes: Map<string, number>; http5xx: Map<string, number>; created: number };
const tally: Tally = { sent: 0, codes: new Map(), http5xx: new Map(), created: 0 };
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Where grpc-go answers INTERNAL as well (docs/testing.md, "No malformed request gets a 5xx"), on
 * gRPC and gRPC-Web only: a payload that is not a valid message ("error unmarshalling request"), an
 * envelope flag other than 0 without a negotiated compression ("compressed flag set with identity
 * or empty encoding", "unexpected payload format"), a frame shorter than its declared length
 * ("unexpected EOF"), a body that does not decompress with the encoding it names ("failed to
 * decompress the received message"). The Connect protocol answers INVALID_ARGUMENT for all of
 * those, as connect-go does. UNIMPLEMENTED is the protocols' answer to a compression the server
 * does not support (on the Connect protocol with HTTP 415, see server/rpc/client-fault-statuses.ts)
 * and, on gRPC and gRPC-Web, connect-es's to a unary call whose frames carry no message (a trailer
 * flag, a length past the body: "missing input message for unary method").
 */
type Expected = { internalAsGrpcGo: boolean; unimplemented: boolean };

function judge(protocol: string, methodName: string, answer: RawAnswer, expected: Expected): void {
  tally.sent += 1;
  count(tally.codes, `${protocol}: ${answer.code}`);
  if (answer.status >= 500) count(tally.http5xx, `${protocol}: ${answer.code} (HTTP ${answer.status})`);
  if (answer.code === "ok" && methodName === "CreateOrder") tally.created += 1;
  const what = `${protocol} ${methodName} answered ${answer.code} (HTTP ${answer.status})`;
  assert.doesNotMatch(answer.code, /^reset|^none/, `${what}: no status at all`);
  assert.ok(answer.status < 500, what);
  assert.notEqual(answer.code, "unknown", what);
  if (answer.code === "internal") assert.ok(expected.internalAsGrpcGo, what);
  if (answer.code === "unimplemented") {
    assert.ok(expected.unimplemented, what);
    if (protocol.startsWith("Connect")) assert.equal(answer.status, 415, what);
  }
}

function storedOrders(): unknown[] {
  const file = new Database(app.database.file, { readonly: true });
  try {
    return file.prepare("SELECT * FROM orders ORDER BY uuid").all();
  } finally {
    file.close();
  }
}

describe("generated malformed requests", () => {
  let before_: unknown[];
  before(async () => {
    const orders = createClient(OrderService, protocols[0]!.transport(app.server));
    for (const name of ["Alpha", "Beta", "Gamma"]) await orders.createOrder({ name, date: "2024-05-01" });
    before_ = storedOrders();
  });

  after(() => {
    const codes = [...tally.codes].sort(([a], [b]) => a.localeCompare(b)).map(([key, count]) => `  ${key}: ${count}`);
    const faults = [...tally.http5xx].map(([key, n]) => `  ${key}: ${n}`);
    const total5xx = [...tally.http5xx.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `malformed requests sent: ${tally.sent}; creates accepted: ${tally.created}\ncodes returned:\n${codes.join("\n")}\nHTTP 5xx: ${total5xx}\n${faults.join("\n")}`,
    );
  });

  const url = (methodName: string) => `${app.server.apiUrl}/order.OrderService/${methodName}`;

  /** One Connect unary POST: that protocol never answers INTERNAL (see Expected). */
  async function sendConnect(
    protocol: string,
    [m, body, type, encoding, auth]: [string, Uint8Array | string, string, string | undefined, string],
  ): Promise<void> {
    const headers: Record<string, string> = {
      "content-type": type,
      "connect-protocol-version": "1",
      ...(encoding && { "content-encoding": encoding }),
      ...credentialHeaders(auth),
    };
    judge(protocol, m, await connectPost(url(m), body, headers), {
      internalAsGrpcGo: false,
      unimplemented: !supported(encoding),
    });
  }

  test("Connect JSON", async () => {
    const type = fc.constantFrom(
      "application/json",
      "application/json",
      "text/plain",
      "application/json; charset=utf-16",
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(method, jsonBody, type, contentEncoding, credential), (call) =>
        sendConnect("Connect JSON", call),
      ),
      { numRuns: runsPerProtocol },
    );
  });

  test("Connect binary", async () => {
    const type = fc.constant("application/proto");
    await fc.assert(
      fc.asyncProperty(fc.tuple(method, protoBody, type, contentEncoding, credential), (call) =>
        sendConnect("Connect binary", call),
      ),
      { numRuns: runsPerProtocol },
    );
  });

  test("gRPC-Web", async () => {
    await fc.assert(
      fc.asyncProperty(framedCall, fc.boolean(), async (call, compress) => {
        const body = compress ? gzip(call.payload) : call.payload;
        const frame = envelope(body, { flags: call.flags, declaredLength: body.length + call.skew });
        const headers: Record<string, string> = {
          "content-type": "application/grpc-web+proto",
          ...(call.encoding && { "grpc-encoding": call.encoding }),
          ...credentialHeaders(call.auth),
        };
        judge("gRPC-Web", call.m, await grpcWebPost(url(call.m), frame, headers), expectedOfFramed(call, compress));
      }),
      { numRuns: runsPerProtocol },
    );
  });

  test("gRPC", async () => {
    const session = http2Session(app.server.grpcUrl);
    try {
      await fc.assert(
        fc.asyncProperty(framedCall, grpcTimeout, async (call, timeout) => {
          const frame = envelope(call.payload, { flags: call.flags, declaredLength: call.payload.length + call.skew });
          const headers = {
            ":path": `/order.OrderService/${call.m}`,
            "content-type": "application/grpc",
            te: "trailers",
            ...(call.encoding && { "grpc-encoding": call.encoding }),
            ...(timeout && { "grpc-timeout": timeout }),
            ...credentialHeaders(call.auth),
          };
          judge("gRPC", call.m, await grpcPost(session, headers, frame), expectedOfFramed(call, false));
        }),
        { numRuns: runsPerProtocol },
      );
    } finally {
      session.destroy();
    }
  });

  test("afterwards the server still serves, and no stored order changed", async () => {
    const orders = createClient(
      OrderService,
      protocols.find((p) => p.name.startsWith("gRPC ("))!.transport(app.server),
    );
    const { totalSize } = await orders.listOrders({ pageSize: 1 });
    const after_ = storedOrders();
    assert.equal(totalSize, after_.length);
    const seeded = new Set(before_.map((row) => JSON.stringify(row)));
    assert.equal(
      after_.filter((row) => seeded.has(JSON.stringify(row))).length,
      before_.length,
      "a stored order changed",
    );
    assert.equal(after_.length, before_.length + tally.created, "orders appeared that no accepted create made");
  });
});
