import { cors } from "@connectrpc/connect";
import type { OutgoingHttpHeaders } from "node:http";

/**
 * Request headers a page on an allowed origin may send: Connect's list (content type,
 * timeouts, `x-grpc-web`, `x-user-agent`: what connect-web, Google's grpc-web and
 * @improbable-eng/grpc-web send) plus credentials, so authenticated calls pass preflight.
 */
export const corsAllowedHeaders: readonly string[] = [...cors.allowedHeaders, "Authorization", "Rpc-Auth"];

/**
 * Response headers every cross-origin RPC exposes: grpc-status, grpc-message and
 * grpc-status-details-bin (what gRPC-Web clients read from a trailers-only answer), and the
 * encodings. Each response also exposes whatever other headers it carries (see below).
 */
export const corsExposedHeaders: readonly string[] = [...cors.exposedHeaders, "Grpc-Encoding", "Grpc-Accept-Encoding"];

// Never worth listing: the browser shows CORS-safelisted headers anyway, and CORS's own are not for scripts.
const unlisted =
  /^(access-control-|vary$|cache-control$|content-language$|content-length$|content-type$|expires$|last-modified$|pragma$|date$|connection$|keep-alive$|transfer-encoding$)/;

/**
 * The Access-Control-Expose-Headers value for a response about to send `headers`: the
 * fixed list plus each custom header or trailer it carries (`trailer-*` for Connect unary,
 * application metadata), so browser clients read them without the server listing each.
 */
export function exposedHeadersFor(headers: OutgoingHttpHeaders): string {
  const fixed = new Set(corsExposedHeaders.map((name) => name.toLowerCase()));
  const extra = Object.keys(headers).filter(
    (name) => !fixed.has(name.toLowerCase()) && !unlisted.test(name.toLowerCase()),
  );
  return [...corsExposedHeaders, ...extra].join(", ");
}
