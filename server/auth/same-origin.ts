/**
 * Whether a form post or a cookie-carrying call comes from a page of this site. Browsers send
 * Sec-Fetch-Site on every request and Origin on cross-origin ones and POSTs; programs that send
 * neither are not a browser tricked by another site, so they pass.
 */
export function fromOwnSite(header: { get(name: string): string | null }, fallbackUrl?: string): boolean {
  const fetchSite = header.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite === "same-origin" || fetchSite === "none";
  const origin = header.get("origin");
  if (origin === null) return true;
  const host = header.get("host") ?? (fallbackUrl === undefined ? undefined : URL.parse(fallbackUrl)?.host);
  return host !== undefined && URL.parse(origin)?.host === host;
}
