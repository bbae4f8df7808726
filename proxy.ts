import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "./server/security/content-security-policy";

// A fresh nonce per page response: Next reads it from the request's CSP header and puts it
// on every script it renders, so the policy needs no 'unsafe-inline' for scripts.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: the API has its own policy (next.config.mjs), static files need none.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
