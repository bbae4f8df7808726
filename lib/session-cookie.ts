// The session cookie's name and attributes, apart from server/auth/sessions.ts so that
// proxy.ts can renew the cookie without importing the session store.

/** The session cookie's name. */
export const sessionCookieName = "orders_session";
/** A session ends this long after its last use. */
export const sessionTtlMs = 7 * 24 * 60 * 60 * 1000;

/** httpOnly (no script reads it), SameSite=Lax, `Secure` whenever the site is served over HTTPS. */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: sessionTtlMs / 1000 } as const;
}

/** The request header through which proxy.ts tells pages which path was asked for. */
export const requestedPathHeader = "x-orders-requested-path";

/** The cookie that keeps the username typed across a refused sign-in (only /sign-in sees it). */
export const signInUsernameCookie = "orders_sign_in_username";
