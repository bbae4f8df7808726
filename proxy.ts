import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { requestedPathHeader, sessionCookieName, sessionCookieOptions } from "@/lib/session-cookie";

/**
 * Before every page: without a session cookie, straight to sign-in (and back here afterwards).
 * Only an optimistic check: whether the session is live is decided by the page
 * (server/auth/current-account.ts) and by the API's interceptor, both against the database.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requested = `${pathname}${search}`;
  const session = request.cookies.get(sessionCookieName);
  if (!session) {
    const signIn = new URL("/sign-in", request.url);
    if (requested !== "/") signIn.searchParams.set("next", requested);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set(requestedPathHeader, requested);
  const response = NextResponse.next({ request: { headers } });
  // Renewed on use: the browser keeps the cookie for 7 days from the last visit, as the server
  // keeps the session. Only on page loads: a server action's own Set-Cookie (sign-out) must win.
  if (request.method === "GET") {
    const secure = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    response.cookies.set(sessionCookieName, session.value, sessionCookieOptions(secure));
  }
  return response;
}

export const config = {
  // Pages only: the API answers UNAUTHENTICATED itself; sign-in and assets are for everyone.
  matcher: ["/((?!api/|_next/|sign-in|icon\\.svg|favicon\\.ico).*)"],
};
