import { createHash } from "node:crypto";
import { memoByText } from "../db/memo-by-text";

/** A position in one listing: the sort key and uuid of a row, and which way to read from it. */
export type PageCursor = {
  direction: "after" | "before";
  key: string;
  uuid: string;
};

type TokenBody = { v: 1; d: "a" | "b"; k: string; u: string; q: string };

/**
 * Identifies the filters and sort a token was issued for, so that a token reused with other
 * filters is refused rather than silently starting from a position in a different order.
 */
export function queryFingerprint(query: unknown): string {
  return fingerprintOf(JSON.stringify(query));
}

// Every listing request hashes its query; most are one of a few (the default listing, a few
// filters), so the hashes are kept by text, a bounded number of them.
const fingerprintOf = memoByText((text) => createHash("sha256").update(text).digest("base64url").slice(0, 12), 1_000);

/** An opaque, URL-safe token. It only carries a position, so it need not be secret. */
export function encodePageToken(cursor: PageCursor, fingerprint: string): string {
  const body: TokenBody = {
    v: 1,
    d: cursor.direction === "after" ? "a" : "b",
    k: cursor.key,
    u: cursor.uuid,
    q: fingerprint,
  };
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

/** Why a token cannot be used: it is not one of ours, or it belongs to another query. */
export type PageTokenProblem = "malformed" | "other-query";

export function decodePageToken(token: string, fingerprint: string): PageCursor | PageTokenProblem {
  let body: unknown;
  try {
    if (token.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(token)) return "malformed";
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return "malformed";
  }
  if (!isTokenBody(body)) return "malformed";
  if (body.q !== fingerprint) return "other-query";
  return { direction: body.d === "a" ? "after" : "before", key: body.k, uuid: body.u };
}

function isTokenBody(value: unknown): value is TokenBody {
  if (typeof value !== "object" || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    body.v === 1 &&
    (body.d === "a" || body.d === "b") &&
    typeof body.k === "string" &&
    typeof body.u === "string" &&
    typeof body.q === "string"
  );
}
