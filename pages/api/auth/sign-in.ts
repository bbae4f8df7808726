import type { NextApiRequest, NextApiResponse } from "next";
import { signInRefusalMessage } from "@/lib/sign-in-refusal";
import { signInUsernameCookie } from "@/lib/session-cookie";
import { authSecret } from "@/server/auth/auth-secret";
import { signIn } from "@/server/auth/accounts";
import { returnPath } from "@/server/auth/return-path";
import { fromOwnSite } from "@/server/auth/same-origin";
import { sessionSetCookie, startSession } from "@/server/auth/sessions";
import { appStore } from "@/server/db/store";
import { clientAddress, trustedProxies } from "@/server/security/client-address";

// Written out here, not re-exported: Next reads this object statically from the route file.
export const config = { api: { bodyParser: { sizeLimit: "16kb" } } };

const proxies = trustedProxies();

/** Keeps the username typed for the form shown again after a refusal, for five minutes, off the URL. */
function usernameCookie(username: string, secure: boolean): string {
  const value = encodeURIComponent(username.slice(0, 64));
  return [
    `${signInUsernameCookie}=${value}`,
    "Path=/sign-in",
    `Max-Age=${value === "" ? 0 : 300}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/**
 * The sign-in form's target. A Pages API route rather than a server action because only here
 * the client's socket address is known, which the throttle needs: forwarding headers count only
 * from TRUSTED_PROXIES (server/security/client-address.ts). Answers a form post with a redirect,
 * so the form works without JavaScript: to where the person was going, or back to the form with
 * why (the username kept). Answers `Accept: application/json` (a signed-out tab signing in again
 * in place) with JSON instead.
 */
export default async function handler(request: NextApiRequest, response: NextApiResponse) {
  if (request.method !== "POST") {
    response.setHeader("Allow", "POST").status(405).end();
    return;
  }
  const header = (name: string) => [request.headers[name]].flat()[0];
  // Login CSRF: another site must not sign a visitor in to an account of its choosing.
  if (!fromOwnSite({ get: (name) => header(name) ?? null })) {
    response.status(403).end();
    return;
  }
  const form = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const text = (name: string) => (typeof form[name] === "string" ? form[name] : "");
  const next = returnPath(form.next);
  const address = clientAddress(request.socket.remoteAddress, header, proxies);
  const secure = header("x-forwarded-proto") === "https" || "encrypted" in request.socket;
  const wantsJson = header("accept")?.includes("application/json") ?? false;
  const store = appStore();
  const result = await signIn(store, text("username"), text("password"), address);
  if ("account" in result) {
    const session = await startSession(store, authSecret(), result.account.id);
    response.setHeader("Set-Cookie", [sessionSetCookie(session, secure), usernameCookie("", secure)]);
    if (wantsJson) response.status(200).json({ username: result.account.username });
    else response.redirect(303, next);
    return;
  }
  if (result.refused === "throttled") response.setHeader("Retry-After", String(result.retryAfterSeconds));
  if (wantsJson) {
    response
      .status(result.refused === "throttled" ? 429 : 401)
      .json({ ...result, message: signInRefusalMessage(result) });
    return;
  }
  response.setHeader("Set-Cookie", usernameCookie(text("username"), secure));
  const back = new URLSearchParams({ error: result.refused, next });
  if (result.refused === "throttled") back.set("retry", String(result.retryAfterSeconds));
  response.redirect(303, `/sign-in?${back.toString()}`);
}
