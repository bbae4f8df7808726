// The base64 framing of gRPC-Web text mode and the spec's grpc-message encoding, byte by byte.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { encodeGrpcMessage, GrpcWebTrailerRewriter, respecGrpcMessage } from "../server/rpc/grpc-status-message";
import { encodeGrpcWebText, GrpcWebTextDecoder } from "../server/rpc/grpc-web-text-codec";

const b64 = (bytes: number[]) => Buffer.from(bytes).toString("base64");

/** Feeds `chunks` to a fresh decoder and returns every byte it produced. */
function decodeAll(chunks: string[]): number[] {
  const decoder = new GrpcWebTextDecoder();
  const bytes = chunks.flatMap((chunk) => [...decoder.push(chunk)]);
  decoder.end();
  return bytes;
}

const isInvalidArgument = (error: unknown) => error instanceof ConnectError && error.code === Code.InvalidArgument;

describe("GrpcWebTextDecoder", () => {
  const frame = [0, 0, 0, 0, 3, 10, 1, 65]; // one message: field 1 = "A"

  test("decodes a body split at every possible point", () => {
    const text = b64(frame);
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(decodeAll([text.slice(0, cut), text.slice(cut)]), frame, `cut at ${cut}`);
    }
  });

  test("decodes one character at a time", () => {
    assert.deepEqual(decodeAll([...b64(frame)]), frame);
  });

  test("decodes padded segments one after another, as senders encoding per chunk produce", () => {
    const segments = [b64([0, 0]), b64([0, 0, 3]), b64([10, 1, 65])]; // "AAA=", "AAAD", "CgFB"
    assert.ok(segments[0]!.endsWith("="));
    assert.deepEqual(decodeAll([segments.join("")]), frame);
    // Two-symbol padding, with the split inside the padding itself.
    const joined = b64([0]) + b64([0, 0, 0, 3, 10, 1, 65]); // "AA==" + …
    assert.deepEqual(decodeAll([joined.slice(0, 3), joined.slice(3)]), frame);
  });

  test("an empty message (a five-byte frame) and an empty body", () => {
    assert.deepEqual(decodeAll([b64([0, 0, 0, 0, 0])]), [0, 0, 0, 0, 0]);
    assert.deepEqual(decodeAll([]), []);
    assert.deepEqual(decodeAll([""]), []);
  });

  test("refuses what is not standard base64 with INVALID_ARGUMENT", () => {
    for (const body of ["not base64!", "AAAA AAAA", "AA-_", "A===", "=AAA", "AA=A", '{"uuid":"x"}']) {
      assert.throws(() => decodeAll([body]), isInvalidArgument, body);
    }
  });

  test("refuses a body cut inside a quantum", () => {
    assert.throws(() => decodeAll([b64(frame).slice(0, -1)]), isInvalidArgument);
  });
});

describe("encodeGrpcWebText", () => {
  test("each chunk is a padded segment a decoder can join with the next", () => {
    const chunks = [
      [0, 0, 0, 0, 1, 7],
      [128, 0, 0, 0, 0],
    ].map((bytes) => encodeGrpcWebText(new Uint8Array(bytes)));
    assert.deepEqual(decodeAll([chunks.join("")]), [0, 0, 0, 0, 1, 7, 128, 0, 0, 0, 0]);
  });
});

describe("grpc-message encoding", () => {
  test("percent-encodes only bytes outside 0x20–0x7E, and %", () => {
    assert.equal(encodeGrpcMessage("uuid: must be a UUID, see a/b (100%)"), "uuid: must be a UUID, see a/b (100%25)");
    assert.equal(encodeGrpcMessage("Bestellung für Jürgen ✓\n"), "Bestellung f%C3%BCr J%C3%BCrgen %E2%9C%93%0A");
  });

  test("rewrites connect's encodeURIComponent form, which decodeURIComponent readers still read the same", () => {
    const message = "a: b, c/d 100% ünï ✓";
    const respecced = respecGrpcMessage(encodeURIComponent(message));
    assert.equal(respecced, encodeGrpcMessage(message));
    assert.equal(decodeURIComponent(respecced), message);
    assert.equal(decodeURI(respecced), message, "grpc-js decodes with decodeURI");
  });

  test("rewrites grpc-message inside a gRPC-Web trailer frame and passes data frames through", () => {
    const data = Buffer.from([0, 0, 0, 0, 2, 8, 1]);
    const block = Buffer.from(`grpc-status: 3\r\ngrpc-message: ${encodeURIComponent("a: b/c")}\r\n`);
    const trailer = Buffer.concat([Buffer.from([0x80, 0, 0, 0, block.length]), block]);
    const rewriter = new GrpcWebTrailerRewriter();
    const whole = Buffer.concat([data, trailer]);
    // Split mid-frame: nothing is lost or duplicated.
    const out = Buffer.concat([rewriter.push(whole.subarray(0, 9)), rewriter.push(whole.subarray(9))]);
    assert.deepEqual(out.subarray(0, data.length), data);
    const rewritten = out.subarray(data.length);
    assert.equal(rewritten[0], 0x80);
    assert.equal(rewritten.readUInt32BE(1), rewritten.length - 5);
    assert.equal(rewritten.subarray(5).toString(), "grpc-status: 3\r\ngrpc-message: a: b/c\r\n");
  });
});
