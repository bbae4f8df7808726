/**
 * The Content-Security-Policy for pages. Scripts run only with this response's nonce (Next
 * puts it on its own inline and chunk scripts when it finds it in the request's CSP header);
 * 'strict-dynamic' lets those load the chunks they import. Styles keep 'unsafe-inline':
 * React style attributes cannot carry a nonce, and CSS cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay and stack frames.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
