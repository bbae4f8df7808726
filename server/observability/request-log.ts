import { randomUUID } from "node:crypto";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import type { Logger } from "./logger";
import { onStreamEnd } from "./on-stream-end";
import { callerKey, requestIdHeader, requestIdKey } from "./request-context";

// An incoming id is kept only if it cannot forge log structure or bloat the line.
const saneRequestId = /^[\w.:-]{1,128}$/;

/**
 * The outermost interceptor: gives every call a request id (the caller's, when sane),
 * returns it in the `x-request-id` response header (on errors too) and writes one log line
 * per call with the procedure, the gRPC status code, the duration and the caller. Request
 * and response bodies and headers are never logged: they may carry names, tokens and cookies.
 */
export function logRequests(logger: Logger): Interceptor {
  // The line is built here from fixed fields, none of them a redacted path (the caller is its
  // subject, never a credential), so redaction would change nothing; it cost 17 µs a line.
  const lines = logger.child({}, { redact: [] });
  return (next) => async (request) => {
    const started = performance.now();
    const incoming = request.header.get(requestIdHeader);
    const requestId = incoming !== null && saneRequestId.test(incoming) ? incoming : randomUUID();
    request.contextValues.set(requestIdKey, requestId);
    const write = (error?: unknown) => {
      const connectError = error === undefined ? undefined : ConnectError.from(error);
      const code = connectError === undefined ? "ok" : Code[connectError.code];
      const line = {
        requestId,
        procedure: `${request.service.typeName}/${request.method.name}`,
        code: code === undefined ? "unknown" : toSnakeCase(code),
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        caller: request.contextValues.get(callerKey)?.subject,
        protocol: request.header.get("content-type")?.split(";")[0],
        // A failure that wraps another (a refused connection in the chain) keeps its cause here.
        cause: connectError?.cause instanceof Error ? connectError.cause.message : undefined,
      };
      lines.info(line, "rpc");
    };
    try {
      const response = await next(request);
      response.header.set(requestIdHeader, requestId);
      return onStreamEnd(response, write);
    } catch (error) {
      write(error);
      const connectError = ConnectError.from(error);
      connectError.metadata.set(requestIdHeader, requestId);
      throw connectError;
    }
  };
}

// Code names as gRPC spells them in every other tool: DeadlineExceeded -> deadline_exceeded.
function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter, index: number) => (index === 0 ? "" : "_") + letter.toLowerCase());
}
