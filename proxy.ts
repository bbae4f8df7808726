import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { requestedPathHeader, sessionCookieName, sessionCookieOptions } from "@/lib/session-cookie";
import { pageContentSecurityPolicy } from "./server/security/content-security-policy";

/**
 * Before every page: without a session cookie, straight to sign-in (and back here afterwards).
 * Only an optimistic check: whether the session is live is decided by the page
 * (server/auth/current-account.ts) and by the API's interceptor, both against the database.
 * Every page answer gets a fresh CSP nonce: Next reads it from the request's CSP header and puts
 * it on every script it renders, so the policy needs no 'unsafe-inline' for scripts.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const { pathname, search } = request.nextUrl;
  const requested = `${pathname}${search}`;
  const session = request.cookies.get(sessionCookieName);
  if (!session && !isPublic(pathname)) {
    const signIn = new URL("/sign-in", request.url);
    if (requested !== "/") signIn.searchParams.set("next", requested);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set(requestedPathHeader, requested);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  // Renewed on use: the browser keeps the cookie for 7 days from the last visit, as the server
  // keeps the session. Only on page loads: a server action's own Set-Cookie (sign-out) must win.
  if (session && request.method === "GET") {
    const secure = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    response.cookies.set(sessionCookieName, session.value, sessionCookieOptions(secure));
  }
  return response;
}

/** Pages anyone may see: signing in itself. */
function isPublic(pathname: string): boolean {
  return pathname === "/sign-in" || pathname.startsWith("/sign-in/");
}

export const config = {
  // Pages only: the API answers UNAUTHENTICATED itself and has its own policy (next.config.mjs);
  // static files need neither.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
