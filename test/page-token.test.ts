import assert from "node:assert/strict";
import { test } from "node:test";
import { decodePageToken, encodePageToken, queryFingerprint } from "../server/orders/page-token";
import type { PageCursor } from "../server/orders/page-token";

const query = queryFingerprint([true, "widget", "date", true]);
const cursor: PageCursor = {
  direction: "after",
  key: "2024-05-01T10:00:00.000Z",
  uuid: "6f1c1c1e-4f7e-4a53-9f55-3b1c1d2e3f40",
};

test("round-trips a cursor through a URL-safe token", () => {
  for (const c of [cursor, { ...cursor, direction: "before" as const }, { ...cursor, key: '名前 % _ " /+=' }]) {
    const token = encodePageToken(c, query);
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodePageToken(token, query), c);
  }
});

test("tells a token of another query apart from a forged one", () => {
  const token = encodePageToken(cursor, query);
  assert.equal(decodePageToken(token, queryFingerprint([false, "widget", "date", true])), "other-query");
  assert.notEqual(queryFingerprint([null, "", "name", false]), queryFingerprint([null, "", "name", true]));
  for (const forged of [
    "",
    "!!!",
    "a b",
    token.slice(0, -3),
    "x".repeat(1025),
    Buffer.from("[1,2]").toString("base64url"),
    Buffer.from(JSON.stringify({ v: 2, d: "a", k: "", u: "", q: query })).toString("base64url"),
    Buffer.from(JSON.stringify({ v: 1, d: "x", k: "", u: "", q: query })).toString("base64url"),
    Buffer.from(JSON.stringify({ v: 1, d: "a", k: 5, u: "", q: query })).toString("base64url"),
  ]) {
    assert.equal(decodePageToken(forged, query), "malformed", forged.slice(0, 40));
  }
});
