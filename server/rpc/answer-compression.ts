import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Compression } from "@connectrpc/connect/protocol";
import { compressionBrotli, compressionGzip } from "@connectrpc/connect-node";

/**
 * Answers at least this large count as large: an unpaged listing (up to 4 MiB), not a page of
 * 50 orders (about 10 KiB).
 */
export const largeAnswerBytes = 256 * 1024;
/** Large answers compressed at once, per process: each holds its input, its output and zlib's state. */
export const largeCompressionsAtOnce = 2;
/**
 * Brotli's quality for answers. Node's default, 11, took 2.7 s of CPU for an unpaged listing
 * (gzip: 0.14 s), so 16 such calls kept every other listing waiting for half a minute; at 4
 * brotli costs about what gzip does and still compresses a little better.
 */
export const brotliQuality = 4;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

type Turns = { running: number; waiting: (() => void)[] };
// On globalThis: the Next route and the gRPC listener are separate bundles in one process.
const shared = globalThis as typeof globalThis & { ordersLargeCompressions?: Turns };
const turns = (shared.ordersLargeCompressions ??= { running: 0, waiting: [] });

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (turns.running >= largeCompressionsAtOnce) await new Promise<void>((resolve) => turns.waiting.push(resolve));
  else turns.running += 1;
  try {
    return await work();
  } finally {
    // The turn passes straight to the next waiter, so running stays counted.
    const next = turns.waiting.shift();
    if (next) next();
    else turns.running -= 1;
  }
}

const asBytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

function limited(compress: (bytes: Uint8Array) => Promise<Buffer>) {
  return async (bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> => {
    const compressed =
      bytes.byteLength >= largeAnswerBytes ? await inTurn(() => compress(bytes)) : await compress(bytes);
    return asBytes(compressed) as Uint8Array<ArrayBuffer>;
  };
}

/** gzip for answers: large ones take turns (largeCompressionsAtOnce). Requests decompress as Connect does. */
export const answerGzip: Compression = {
  name: "gzip",
  compress: limited((bytes) => gzipAsync(bytes)),
  decompress: compressionGzip.decompress,
};

/** Brotli for answers, at brotliQuality; large ones take turns as gzip's do. */
export const answerBrotli: Compression = {
  name: "br",
  compress: limited((bytes) =>
    brotliAsync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
  ),
  decompress: compressionBrotli.decompress,
};

/** What every transport accepts and answers with, in Connect's order of preference. */
export const answerCompressions: Compression[] = [answerGzip, answerBrotli];
