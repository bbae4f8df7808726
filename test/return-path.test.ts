// Where sign-in returns to, tried with generated inputs (fast-check): whatever comes in, the
// answer is a path that every browser resolves on this site, and the site's own paths pass
// unchanged.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { returnPath } from "../server/auth/return-path";

const runs = { numRuns: 5_000 };

// Some origin the site may be served from: the answer must keep a browser on it.
const origin = fc.constantFrom("https://orders.example", "http://127.0.0.1:3000", "http://[::1]:8080");

// What attackers put between the leading slash and their host, raw and encoded (once and twice).
// prettier-ignore
const tricks = [
  "/", "\\", "\t", "\n", "\r", " ", "\u0000", "\u007f", "\u0085", "%2f", "%2F", "%5c", "%5C", "%09", "%0a",
  "%0D", "%00", "%252f", "%255c", "%2509", "%c2%85", "./", "../", ".%2f", "%2e%2e/", "/.", "@", ":", "%", "%zz",
  "#", "?",
];
const trick = fc.constantFrom(...tricks);
const host = fc.constantFrom("evil.example", "evil.example:443", "user@evil.example", "127.0.0.1", "[::1]");
const scheme = fc.constantFrom("https:", "http:", "javascript:", "data:", "JaVaScRiPt:", "//", "/\\", "\\\\");

/** Paths an attacker would write: tricks around a host, after a slash or a scheme. */
const hostile = fc.oneof(
  fc.tuple(fc.array(trick, { minLength: 1, maxLength: 4 }), host).map(([parts, to]) => `/${parts.join("")}${to}`),
  fc.tuple(scheme, fc.array(trick, { maxLength: 2 }), host).map(([s, parts, to]) => `${s}${parts.join("")}${to}`),
);

/** Paths of this site: segments and a search, encoded as the browser sends them. */
const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const searchValue = fc.string({ maxLength: 12 });
const ownPath = fc
  .tuple(fc.array(segment, { maxLength: 4 }), fc.option(fc.tuple(segment, searchValue), { nil: undefined }))
  .map(([segments, search]) => `/${segments.join("/")}${search ? `?${new URLSearchParams([search]).toString()}` : ""}`);

const anything = fc.oneof(fc.string({ unit: "binary", maxLength: 64 }), hostile, ownPath, fc.anything());

test("whatever it is given, the answer is a path a browser resolves on the same origin", () => {
  fc.assert(
    fc.property(anything, origin, (value, on) => {
      const path = returnPath(value);
      assert.equal(new URL(path, on).origin, new URL(on).origin);
      assert.match(path, /^\/(?![/\\])[\x21-\x7e]*$/, "printable, one leading slash");
      assert.equal(returnPath(path), path, "the answer is itself accepted as it is");
    }),
    runs,
  );
});

/** The path as a server or proxy on the way might decode its path part, as often as it decodes. */
function decodedAll(path: string): string {
  const { pathname, search, hash } = new URL(path, "https://site.invalid");
  let current = pathname;
  for (let next = decodeURIComponent(current); next !== current; next = decodeURIComponent(current)) current = next;
  return `${current}${search}${hash}`;
}

test("hostile paths (control characters, backslashes, //, schemes, encoded forms) never lead off the site", () => {
  fc.assert(
    fc.property(hostile, origin, (value, on) => {
      const path = returnPath(value);
      // Neither as sent nor decoded by anything on the way, however often.
      for (const form of [path, decodedAll(path)]) {
        assert.equal(new URL(form, on).origin, new URL(on).origin, `${JSON.stringify(value)} -> ${form}`);
        assert.doesNotMatch(form.split(/[?#]/)[0]!, /^\/[\/\\]|[\u0000-\u001f\u007f-\u009f\\]/, JSON.stringify(value));
      }
    }),
    runs,
  );
  const attacks = [
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/.//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/%252F/evil.example",
    "/%",
    "/%zz",
  ];
  for (const attack of attacks) assert.equal(returnPath(attack), "/", attack);
});

test("this site's own paths come back unchanged", () => {
  fc.assert(
    fc.property(ownPath, (path) => assert.equal(returnPath(path), path)),
    runs,
  );
  assert.equal(returnPath("/orders/3b1f?y=1"), "/orders/3b1f?y=1");
  assert.equal(returnPath("/?q=paper%2Fink&sort=-date"), "/?q=paper%2Fink&sort=-date");
});
