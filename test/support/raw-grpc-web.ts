import { request as http1Request } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { connect as http2Connect } from "node:http2";
import { setTimeout as sleep } from "node:timers/promises";
import { fromBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";

/** What came back from a raw POST: the body as it arrived, chunk by chunk, with times. */
export type RawResponse = { status: number; headers: IncomingHttpHeaders; chunks: { at: number; data: Buffer }[] };

export type RawPost = {
  url: string;
  headers: Record<string, string>;
  /** Body chunks, written one at a time with a short pause between, so each is its own packet. */
  chunks: (string | Uint8Array)[];
  /** Cleartext HTTP/2 with prior knowledge (the gRPC port) instead of HTTP/1.1. */
  http2?: boolean;
};

const chunkGapMs = 5;

/** POSTs over a real socket without any gRPC library in between. */
export async function rawPost({ url, headers, chunks, http2 = false }: RawPost): Promise<RawResponse> {
  const started = performance.now();
  const received: RawResponse["chunks"] = [];
  const target = new URL(url);
  if (http2) {
    const session = http2Connect(target.origin);
    try {
      const stream = session.request({ ":method": "POST", ":path": target.pathname, ...headers });
      const response = new Promise<RawResponse>((resolve, reject) => {
        let status = 0;
        let responseHeaders: IncomingHttpHeaders = {};
        stream.on("response", (h) => {
          status = Number(h[":status"]);
          responseHeaders = h;
        });
        stream.on("data", (data: Buffer) => received.push({ at: performance.now() - started, data }));
        stream.on("end", () => resolve({ status, headers: responseHeaders, chunks: received }));
        stream.on("error", reject);
      });
      response.catch(() => undefined);
      for (const chunk of chunks) {
        stream.write(chunk);
        await sleep(chunkGapMs);
      }
      stream.end();
      return await response;
    } finally {
      session.close();
    }
  }
  // A connection per call: a call the server answers before reading the whole body leaves no
  // half-used keep-alive socket for the next one.
  const request = http1Request(url, {
    method: "POST",
    agent: false,
    headers: { ...headers, "transfer-encoding": "chunked" },
  });
  // A server that answers before reading the whole body (a message over the limit) may close
  // while chunks are still being written: the answer counts, the write's EPIPE does not.
  let answered = false;
  const response = new Promise<RawResponse>((resolve, reject) => {
    request.on("response", (incoming) => {
      answered = true;
      incoming.on("data", (data: Buffer) => received.push({ at: performance.now() - started, data }));
      incoming.on("end", () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, chunks: received }),
      );
      incoming.on("error", reject);
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
  });
  // Awaited only after the last chunk: a failure while writing is the caller's, not an
  // unhandled rejection (which the test runner counts as a failure of its own).
  response.catch(() => undefined);
  for (const chunk of chunks) {
    if (answered || request.destroyed) break;
    request.write(chunk);
    await sleep(chunkGapMs);
  }
  request.end();
  return response;
}

/** One gRPC-Web frame: flags byte, big-endian length, payload. */
export function grpcWebFrame(payload: Uint8Array, flags = 0): Buffer {
  const header = Buffer.alloc(5);
  header[0] = flags;
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/**
 * Decodes a text-mode body quantum by quantum, independently of the server's decoder: each
 * four-symbol group decodes on its own, so padded segments in the middle are handled.
 */
export function decodeTextBody(text: string): Buffer {
  const quanta = text.match(/.{1,4}/g) ?? [];
  return Buffer.concat(quanta.map((quantum) => Buffer.from(quantum, "base64")));
}

export type GrpcWebBody = { messages: Buffer[]; trailers: Record<string, string> };

/** Splits a binary gRPC-Web body into its messages and its trailer frame. */
export function parseGrpcWebBody(body: Buffer): GrpcWebBody {
  const messages: Buffer[] = [];
  const trailers: Record<string, string> = {};
  for (let offset = 0; offset < body.length;) {
    const flags = body[offset]!;
    const length = body.readUInt32BE(offset + 1);
    const payload = body.subarray(offset + 5, offset + 5 + length);
    if (flags & 0x80) {
      for (const line of payload.toString("latin1").split("\r\n").filter(Boolean)) {
        const colon = line.indexOf(":");
        trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    } else {
      messages.push(payload);
    }
    offset += 5 + length;
  }
  return { messages, trailers };
}

/** The messages of a response as `schema`. */
export function decodeMessages<Desc extends DescMessage>(schema: Desc, body: GrpcWebBody): MessageShape<Desc>[] {
  return body.messages.map((message) => fromBinary(schema, message));
}
