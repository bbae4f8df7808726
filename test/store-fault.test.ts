import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyStoreFault } from "../server/orders/store-fault";

test("no pool connection in time is worth a retry (UNAVAILABLE), not an internal fault", () => {
  // pg-pool's own words when every connection stays busy past connectionTimeoutMillis.
  assert.equal(classifyStoreFault(new Error("timeout exceeded when trying to connect")), "unavailable");
  assert.equal(classifyStoreFault(new Error("Connection terminated unexpectedly")), "unavailable");
  assert.equal(classifyStoreFault(new Error("syntax error at or near")), "internal");
});
