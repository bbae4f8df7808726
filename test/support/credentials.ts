// The one way tests get credentials. Every call to OrderService and CheckStatusOrderService
// needs one; the helpers below are what test support uses, so ordinary tests never see them:
// - startNextServer() starts each server with its own AUTH_SECRET and returns a `token`
//   recorded in that server's database; the transports in protocol-transports.ts send it.
// - routerClients(store) sends a token issued on `store` with the process's secret.
// - e2e/ signs in through a Playwright storage state and calls the API with a token from
//   `npm run token` (see e2e/auth.setup.ts).
import { randomBytes, randomUUID } from "node:crypto";
import type { Interceptor } from "@connectrpc/connect";
import { issueApiToken } from "../../server/auth/api-tokens";
import { signToken } from "../../server/auth/tokens";
import type { Store } from "../../server/db/store";

/** A fresh secret, as an operator would generate one for AUTH_SECRET. */
export function newAuthSecret(): string {
  return randomBytes(32).toString("base64url");
}

export const encodeSecret = (secret: string) => new TextEncoder().encode(secret);

/** A service token named `name`, recorded on `store` and signed with `secret`. */
export async function issueTestToken(store: Store, secret: Uint8Array, name = "test", ttlMs?: number): Promise<string> {
  return (await issueApiToken(store, secret, { name, ttlMs, owner: { service: name } })).token;
}

/** A correctly signed token whose id no database knows (it reads as revoked). */
export function unrecordedToken(secret: Uint8Array, expires = new Date(Date.now() + 60_000)): Promise<string> {
  return signToken(secret, { subject: "service:unrecorded", tokenId: randomUUID(), expires });
}

/** A client interceptor that sends the token as the original's clients did, in `rpc-auth`. */
export function sendToken(token: string | (() => Promise<string>)): Interceptor {
  return (next) => async (request) => {
    request.header.set("rpc-auth", typeof token === "string" ? token : await token());
    return next(request);
  };
}

/** The actor of writes a test makes straight on a store's repository. */
export const testActor = { subject: "service:test", tokenName: "test" };
