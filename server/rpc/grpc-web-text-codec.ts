import { Code, ConnectError } from "@connectrpc/connect";

// Whole base64 quanta: four symbols, or a final quantum with one or two "=" of padding.
const quanta = /^(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)*$/;
// A padded quantum ends a segment; the gRPC-Web spec lets a sender encode each chunk
// separately, so "AA==AAAA" is two segments, which Buffer's decoder would stop inside.
const segmentEnd = /(?<==)(?=[A-Za-z0-9+/])/;

const notBase64 = () =>
  new ConnectError("request body is not valid application/grpc-web-text (base64)", Code.InvalidArgument);

/**
 * Decodes an application/grpc-web-text request body as it arrives: chunks may split a
 * base64 quantum anywhere, and padded segments may follow each other. Throws
 * INVALID_ARGUMENT for anything that is not standard base64.
 */
export class GrpcWebTextDecoder {
  private pending = "";

  /** The bytes of every complete quantum received so far. */
  push(text: string): Uint8Array {
    const buffered = this.pending + text;
    const complete = buffered.length - (buffered.length % 4);
    const ready = buffered.slice(0, complete);
    this.pending = buffered.slice(complete);
    if (!quanta.test(ready)) throw notBase64();
    return Buffer.concat(ready.split(segmentEnd).map((segment) => Buffer.from(segment, "base64")));
  }

  /** Call at the end of the body: a dangling partial quantum means it was cut or malformed. */
  end(): void {
    if (this.pending !== "") throw notBase64();
  }
}

/** One padded base64 segment per response chunk, so each streamed message goes out at once. */
export function encodeGrpcWebText(chunk: Uint8Array): string {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("base64");
}
