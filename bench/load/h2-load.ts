import { connect } from "node:http2";
import type { ClientHttp2Session, IncomingHttpHeaders } from "node:http2";
import type { LoadResult } from "./load-result";
import { summarize } from "./load-result";

/**
 * gRPC load over HTTP/2: `callers` calls in flight for `seconds`, spread over a few reused
 * connections, each request a pre-encoded body, so the client spends little per call.
 * A call counts as an error unless it ends with grpc-status 0.
 */
export async function h2Load(options: {
  url: string;
  path: string;
  body: Uint8Array;
  callers: number;
  seconds: number;
  /** Sent with every request, e.g. the app's `rpc-auth` token. */
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const frame = Buffer.alloc(5 + options.body.length);
  frame.writeUInt32BE(options.body.length, 1);
  frame.set(options.body, 5);
  const sessions: ClientHttp2Session[] = Array.from({ length: Math.min(options.callers, 4) }, () =>
    connect(options.url),
  );
  const headers = {
    ":method": "POST",
    ":path": options.path,
    "content-type": "application/grpc",
    te: "trailers",
    ...options.headers,
  };
  const latencies: number[] = [];
  let errors = 0;

  const call = (session: ClientHttp2Session) =>
    new Promise<boolean>((resolve) => {
      const stream = session.request(headers);
      let status: string | undefined;
      stream.on("response", (head) => (status = head["grpc-status"] as string | undefined));
      stream.on(
        "trailers",
        (trailers: IncomingHttpHeaders) => (status = trailers["grpc-status"] as string | undefined),
      );
      stream.on("data", () => {});
      stream.on("error", () => resolve(false));
      stream.on("end", () => resolve(status === "0"));
      stream.end(frame);
    });

  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.callers }, async (_, caller) => {
      const session = sessions[caller % sessions.length]!;
      while (performance.now() < deadline) {
        const t = performance.now();
        const ok = await call(session);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const session of sessions) session.close();
  return summarize(latencies, errors, seconds);
}
