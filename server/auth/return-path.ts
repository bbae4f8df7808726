/**
 * Stands for this site's origin while a return path is parsed: whatever resolves to another
 * origin is refused. A reserved name (RFC 2606), so it can equal no real host.
 */
const site = new URL("https://site.invalid");

// Longer than any path of this site, with a long search in it.
const maxLength = 2048;

// What a return path may contain as it stands: printable ASCII without spaces. Anything else
// arrives percent-encoded from the browser.
const printable = /^[\x21-\x7e]+$/;

// Control characters and backslashes in a decoded path: browsers drop tabs and newlines from
// URLs and read `\` as `/`, which turns `/\t/evil` or `/\evil` into `//evil`, another site.
const unsafeDecoded = /[\u0000-\u001f\u007f-\u009f\\]/;

/** `value` decoded until nothing is left to decode; undefined when malformed. */
function fullyDecoded(value: string): string | undefined {
  let current = value;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

const ownPath = (path: string) => path.startsWith("/") && !path.startsWith("//");

/**
 * Where to go after signing in: `value` when it is a path on this site, `/` otherwise. The one
 * place that decides it (the sign-in page, its form's target, the owner's creation, the redirect
 * of a signed-out visit). Parsed against the site's own origin, a path is accepted only when it
 * stays on it: printable ASCII, no backslash, no `//` or `/\` (protocol-relative), no scheme,
 * and a path part that, decoded as often as anything on the way might decode it, still has no
 * control character, backslash or leading `//` (`/%2F/x`, `/%09/x`, `/%255C/x` are refused).
 * Answers the path as the URL parser normalizes it (`/a/../b` is `/b`), so the Location header
 * says exactly what was checked. Never throws.
 */
export function returnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > maxLength || !printable.test(value)) return "/";
  if (!ownPath(value) || value.includes("\\")) return "/";
  const url = URL.parse(value, site);
  if (url === null || url.origin !== site.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  const decoded = fullyDecoded(url.pathname);
  if (!ownPath(path) || decoded === undefined || unsafeDecoded.test(decoded) || !ownPath(decoded)) return "/";
  return path;
}
