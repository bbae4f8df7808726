// Requests no client library sends, answered cleanly by `next start`: file names that are
// properties of every JavaScript object, and a Connect GET whose message is not base64.
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { test } from "node:test";
import { appPerFile } from "./support/app-per-file";

const app = appPerFile();

for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
  test(`/api/docs/${name} is 404, like any file the reference does not ship`, async () => {
    const response = await fetch(`http://127.0.0.1:${app.server.port}/api/docs/${name}`, {
      signal: AbortSignal.timeout(5_000),
    });
    assert.equal(response.status, 404);
  });
}

test("a Connect GET whose message is not base64 is INVALID_ARGUMENT (400), and logged", async () => {
  const query = new URLSearchParams({ connect: "v1", encoding: "proto", base64: "1", message: "%%not base64%%" });
  const response = await fetch(`${app.server.apiUrl}/order.OrderService/ListOrders?${query}`, {
    headers: { "rpc-auth": app.server.token },
    signal: AbortSignal.timeout(5_000),
  });
  assert.equal(response.status, 400);
  assert.equal(((await response.json()) as { code: string }).code, "invalid_argument");
  for (let waited = 0; waited < 2_000 && !/"code":"invalid_argument"/.test(app.server.output()); waited += 50) {
    await sleep(50);
  }
  const line = app.server
    .output()
    .split("\n")
    .find((text) => text.includes('"code":"invalid_argument"'));
  assert.ok(line, app.server.output().slice(-2_000));
  assert.match(line, /order\.OrderService\/ListOrders/);
});
