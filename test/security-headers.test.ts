// Headers a browser enforces, on every kind of answer the Next port gives.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { appPerFile } from "./support/app-per-file";

const app = appPerFile();
const origin = () => `http://127.0.0.1:${app.server.port}`;

function assertCommonHeaders(response: Response, what: string): void {
  assert.equal(response.headers.get("x-content-type-options"), "nosniff", what);
  assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin", what);
  assert.match(response.headers.get("permissions-policy") ?? "", /camera=\(\)/, what);
  assert.match(response.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, what);
}

describe("security headers", () => {
  for (const path of ["/", "/?completed=true", "/orders/00000000-0000-4000-8000-000000000000", "/no-such-page"]) {
    test(`page ${path}: a nonce CSP that every script carries, and no inline script without it`, async () => {
      const response = await fetch(`${origin()}${path}`);
      assertCommonHeaders(response, path);
      const policy = response.headers.get("content-security-policy")!;
      const scriptSrc = policy.split(";").find((directive) => directive.trim().startsWith("script-src")) ?? "";
      const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
      assert.ok(nonce, `no nonce in ${policy}`);
      assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0, "the page has no scripts: is it still rendered by Next?");
      for (const script of scripts)
        assert.ok(script.includes(`nonce="${nonce}"`), `script without this response's nonce: ${script}`);
    });
  }

  test("two page loads get different nonces", async () => {
    const policies = await Promise.all(
      [1, 2].map(async () => (await fetch(`${origin()}/`)).headers.get("content-security-policy")),
    );
    assert.notEqual(policies[0], policies[1]);
  });

  const api = [
    [
      "Connect POST",
      () =>
        fetch(`${app.server.apiUrl}/order.OrderService/ListOrders`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
    ],
    ["Connect GET", () => fetch(`${app.server.apiUrl}/order.OrderService/ListOrders?encoding=json&message=%7B%7D`)],
    [
      "an error answer",
      () =>
        fetch(`${app.server.apiUrl}/order.OrderService/ReadOrder`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"uuid":"x"}',
        }),
    ],
    ["an unknown API path", () => fetch(`${app.server.apiUrl}/nothing.Here/Nope`, { method: "POST", body: "{}" })],
    ["the icon", () => fetch(`${origin()}/icon.svg`)],
  ] as const;
  for (const [label, send] of api) {
    test(`${label}: the common headers, and a CSP that allows nothing`, async () => {
      const response = await send();
      await response.arrayBuffer();
      assertCommonHeaders(response, label);
      assert.equal(response.headers.get("content-security-policy"), "default-src 'none'; frame-ancestors 'none'");
    });
  }
});
