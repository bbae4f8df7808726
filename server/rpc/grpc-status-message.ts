import type { OutgoingHttpHeaders } from "node:http";

const grpcMessage = "grpc-message";
const trailerFlag = 0x80;
const compressedFlag = 0x01;

/**
 * Percent-encodes a status message as the gRPC over HTTP/2 spec says: only bytes outside
 * 0x20–0x7E, and "%" itself, of its UTF-8 form.
 */
export function encodeGrpcMessage(message: string): string {
  let encoded = "";
  for (const byte of Buffer.from(message, "utf8")) {
    encoded +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/**
 * connect-es writes grpc-message with encodeURIComponent, which also escapes ":", ",", "/"
 * and the like. Clients that decode as the spec says (grpc-js uses decodeURI) then show
 * "uuid%3A …". Re-encoding its value the spec's way fixes every reader; decodeURIComponent
 * readers (connect-es, grpcio) decode both forms to the same text.
 */
export function respecGrpcMessage(connectEncoded: string): string {
  try {
    return encodeGrpcMessage(decodeURIComponent(connectEncoded));
  } catch {
    // Not URI-encoded after all: leave the value as connect wrote it.
    return connectEncoded;
  }
}

/** Rewrites grpc-message in a set of HTTP/2 headers or trailers, in place. */
export function respecGrpcMessageHeader(headers: OutgoingHttpHeaders): void {
  const value = headers[grpcMessage];
  if (typeof value === "string") headers[grpcMessage] = respecGrpcMessage(value);
}

function respecTrailerBlock(block: Uint8Array): Uint8Array {
  const lines = Buffer.from(block).toString("latin1").split("\r\n");
  const rewritten = lines.map((line) => {
    const colon = line.indexOf(":");
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== grpcMessage) return line;
    return `${grpcMessage}: ${respecGrpcMessage(line.slice(colon + 1).trim())}`;
  });
  return Buffer.from(rewritten.join("\r\n"), "latin1");
}

/**
 * Rewrites grpc-message inside gRPC-Web trailer frames of a response body, passing every
 * data frame through untouched. Feed it the body in order; it holds back only an incomplete
 * frame (connect writes whole frames, so in practice nothing waits).
 */
export class GrpcWebTrailerRewriter {
  private pending = Buffer.alloc(0);

  push(chunk: Uint8Array): Uint8Array {
    const buffered = Buffer.concat([this.pending, chunk]);
    const out: Uint8Array[] = [];
    let offset = 0;
    while (buffered.length - offset >= 5) {
      const flags = buffered[offset]!;
      const length = buffered.readUInt32BE(offset + 1);
      if (buffered.length - offset - 5 < length) break;
      const body = buffered.subarray(offset + 5, offset + 5 + length);
      // A compressed trailer block would need inflating first; connect compresses only
      // above 1 KiB, which a trailer with a status message and details stays below.
      if ((flags & trailerFlag) !== 0 && (flags & compressedFlag) === 0) {
        const trailer = respecTrailerBlock(body);
        const header = Buffer.alloc(5);
        header[0] = flags;
        header.writeUInt32BE(trailer.length, 1);
        out.push(header, trailer);
      } else {
        out.push(buffered.subarray(offset, offset + 5 + length));
      }
      offset += 5 + length;
    }
    this.pending = buffered.subarray(offset);
    return Buffer.concat(out);
  }
}
