import type { HandlerContext } from "@connectrpc/connect";
import { callerKey } from "../observability/request-context";
import type { Caller } from "../observability/request-context";

/** Who made a write, as the order and its history record it. */
export type Actor = {
  /** `account:NAME` or `service:NAME`. */
  subject: string;
  /** The API token's name; null for a browser session. */
  tokenName: string | null;
};

/** The authenticated caller of a guarded service's call (the auth interceptor always sets one). */
export function callerOf(context: HandlerContext): Caller {
  const caller = context.values.get(callerKey);
  if (!caller) throw new Error("no authenticated caller: the service is not behind the auth interceptor");
  return caller;
}

/** The actor of a write made in this call: every write method, single or batch, records it. */
export function actorOf(context: HandlerContext): Actor {
  const caller = callerOf(context);
  return { subject: caller.subject, tokenName: caller.via === "token" ? caller.tokenName : null };
}
