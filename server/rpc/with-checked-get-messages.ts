import { randomUUID } from "node:crypto";
import { base64Decode } from "@bufbuild/protobuf/wire";
import { appLogger } from "../observability/logger";
import type { Logger } from "../observability/logger";
import { requestIdHeader } from "../observability/request-context";
import type { NodeHandler, NodeRequest, NodeResponse } from "./node-response-hooks";

/** Whether Connect's own decoder refuses the parameter (it would throw outside every interceptor). */
function undecodable(message: string): boolean {
  try {
    base64Decode(message);
    return false;
  } catch {
    return true;
  }
}

/**
 * Answers a Connect GET whose `message` claims base64 (`base64=1`) but is not, with
 * INVALID_ARGUMENT (HTTP 400) and a log line like any call's. Connect decodes that parameter
 * before the call starts, outside every interceptor, and its decoder's plain Error became a
 * 500 "internal" with no log line. `prefix` is what precedes the procedure in the path.
 */
export function withCheckedGetMessages<Request extends NodeRequest, Response extends NodeResponse>(
  handler: NodeHandler<Request, Response>,
  prefix = "",
  logger: Logger = appLogger(),
): NodeHandler<Request, Response> {
  return (request, response) => {
    if (request.method !== "GET" || !request.url?.includes("base64=1")) return handler(request, response);
    const query = new URLSearchParams(request.url.slice(request.url.indexOf("?") + 1));
    if (query.get("base64") !== "1" || !undecodable(query.get("message") ?? "")) return handler(request, response);
    const url = new URL(request.url, "http://localhost");
    const requestId = randomUUID();
    logger.info(
      {
        requestId,
        procedure: url.pathname.slice(prefix.length).replace(/^\//, ""),
        code: "invalid_argument",
        durationMs: 0,
        protocol: "connect GET",
      },
      "rpc",
    );
    const body = Buffer.from(
      JSON.stringify({ code: "invalid_argument", message: "The message parameter is not base64." }),
    );
    // statusCode and setHeader, not writeHead: the HTTP/1.1 and HTTP/2 writeHead overloads do
    // not unify, these do.
    response.statusCode = 400;
    response.setHeader("Content-Type", "application/json");
    response.setHeader("Content-Length", String(body.byteLength));
    response.setHeader(requestIdHeader, requestId);
    response.end(body);
    return undefined;
  };
}
