import { createContextKey } from "@connectrpc/connect";

/** The id of the call being served, as logged and returned in `x-request-id`. */
export const requestIdKey = createContextKey<string | undefined>(undefined, { description: "request id" });

/**
 * Who is calling, for the log line. Nothing sets it yet: the auth interceptor (inside the
 * logging one, so its value is here when the line is written) will set it to the caller's
 * account id. Never a token.
 */
export const callerKey = createContextKey<string | undefined>(undefined, { description: "caller" });

/** The response header (and the header a caller may send) that carries the request id. */
export const requestIdHeader = "x-request-id";
