import type { IncomingMessage, ServerResponse } from "node:http";
import { cors } from "@connectrpc/connect";
import { config } from "../config.js";
import { corsAllowedHeaders, corsExposedHeaders, exposedHeadersFor } from "./cors-policy";
import { keepRequestOpenOnEarlyAnswer, lingerLimits, lingerOverUnreadBody } from "./early-answer-linger";
import type { LingerLimits } from "./early-answer-linger";
import { hookResponse } from "./node-response-hooks";

type NodeHandler<Request extends IncomingMessage, Response extends ServerResponse> = (
  request: Request,
  response: Response,
) => unknown;

const preflightMaxAgeSeconds = 2 * 60 * 60;
// Connect uses GET and POST; the REST routes under /api/v1 also PATCH and DELETE.
const allowedMethods = [...cors.allowedMethods, "PATCH", "DELETE"];
// Other sites' pages may send tokens in headers (corsAllowedHeaders), never cookies: there is
// no Access-Control-Allow-Credentials, and the routes refuse session cookies from other sites.

/**
 * Wraps the Connect adapter with what it leaves out: CORS for the origins in `CORS_ORIGINS`
 * (same-origin only by default), including OPTIONS preflights, and an answer for requests
 * whose handler failed outside the RPC (the adapter logs those and leaves them hanging), and
 * an HTTP/1.1 body left unread by an early answer read to its end, within bounds
 * (early-answer-linger.ts), so the client sees the answer rather than a reset.
 */
export function withApiGuards<Request extends IncomingMessage, Response extends ServerResponse>(
  handler: NodeHandler<Request, Response>,
  origins: ReadonlySet<string> = config.corsOrigins,
  linger: LingerLimits = lingerLimits,
): NodeHandler<Request, Response> {
  return async (request, response) => {
    const origin = request.headers.origin;
    const allowed = origin !== undefined && origins.has(origin);
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      // The fixed list now, widened when the headers go out to every custom header the call set.
      response.setHeader("Access-Control-Expose-Headers", corsExposedHeaders.join(", "));
      hookResponse(response, {
        headers: (headers) => void (headers["access-control-expose-headers"] = exposedHeadersFor(headers)),
      });
    }
    response.setHeader("Vary", "Origin");
    if (request.method === "OPTIONS") {
      if (allowed) {
        response.setHeader("Access-Control-Allow-Methods", allowedMethods.join(", "));
        response.setHeader("Access-Control-Allow-Headers", corsAllowedHeaders.join(", "));
        response.setHeader("Access-Control-Max-Age", String(preflightMaxAgeSeconds));
      }
      response.writeHead(204).end();
      return;
    }
    keepRequestOpenOnEarlyAnswer(request);
    // On "finish", not after the handler: its promise settles only once the request has ended.
    response.once("finish", () => lingerOverUnreadBody(request, linger));
    await handler(request, response);
    if (response.writableEnded) return;
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(500, { "Content-Type": "application/json" });
    response.end(JSON.stringify({ code: "internal", message: "Internal error." }));
  };
}
