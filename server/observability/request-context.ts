import { processContextKey } from "../rpc/process-context-key";
import type { Role, TokenScope } from "../auth/permissions";

/** The id of the call being served, as logged and returned in `x-request-id`. */
export const requestIdKey = processContextKey<string | undefined>("request id", undefined);

/**
 * Who made a call, as handlers and log lines see it. Never the credential itself. `subject` is
 * `account:NAME` or `service:NAME`; a service token acts as an editor.
 */
export type Caller =
  | {
      via: "token";
      subject: string;
      tokenId: string;
      tokenName: string;
      scope: TokenScope;
      accountId: string | null;
      role: Role;
    }
  | { via: "session"; subject: string; accountId: string; username: string; role: Role };

/**
 * The authenticated caller of the current call, set by the auth interceptor (inside the logging
 * one, so its value is there when the line is written); undefined in the open services.
 */
export const callerKey = processContextKey<Caller | undefined>("authenticated caller", undefined);

/** The response header (and the header a caller may send) that carries the request id. */
export const requestIdHeader = "x-request-id";
