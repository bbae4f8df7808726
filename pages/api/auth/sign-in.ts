import type { NextApiRequest, NextApiResponse } from "next";
import { authSecret } from "@/server/auth/auth-secret";
import { signIn } from "@/server/auth/accounts";
import { returnPath } from "@/server/auth/return-path";
import { fromOwnSite } from "@/server/auth/same-origin";
import { sessionSetCookie, startSession } from "@/server/auth/sessions";
import { appStore } from "@/server/db/store";

// Written out here, not re-exported: Next reads this object statically from the route file.
export const config = { api: { bodyParser: { sizeLimit: "16kb" } } };

/**
 * The sign-in form's target. A Pages API route rather than a server action because only here
 * the client's socket address is known, which the per-address throttle needs (a header such as
 * X-Forwarded-For could be made up by the guesser). Answers with a redirect either way, so the
 * form works without JavaScript: to where the person was going, or back to the form with why.
 */
export default async function handler(request: NextApiRequest, response: NextApiResponse) {
  if (request.method !== "POST") {
    response.setHeader("Allow", "POST").status(405).end();
    return;
  }
  const header = { get: (name: string) => [request.headers[name]].flat()[0] ?? null };
  // Login CSRF: another site must not sign a visitor in to an account of its choosing.
  if (!fromOwnSite(header)) {
    response.status(403).end();
    return;
  }
  const form = (typeof request.body === "object" && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const text = (name: string) => (typeof form[name] === "string" ? form[name] : "");
  const next = returnPath(form.next);
  const address = request.socket.remoteAddress ?? "unknown";
  const store = appStore();
  const result = await signIn(store, text("username"), text("password"), address);
  if ("account" in result) {
    const secure = header.get("x-forwarded-proto") === "https" || "encrypted" in request.socket;
    const session = await startSession(store, authSecret(), result.account.id);
    response.setHeader("Set-Cookie", sessionSetCookie(session, secure));
    response.redirect(303, next);
    return;
  }
  const back = new URLSearchParams({ error: result.refused, next });
  if (result.refused === "throttled") back.set("retry", String(result.retryAfterSeconds));
  response.redirect(303, `/sign-in?${back.toString()}`);
}
