// Who a request comes from, as the throttle and the log lines see it: forwarding headers count
// only from TRUSTED_PROXIES, and then only up to the first hop those proxies did not write.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseConfig } from "../server/config.js";
import { bareAddress, clientAddress, clientBlock, trustedProxies } from "../server/security/client-address";

const proxies = trustedProxies(parseConfig({ TRUSTED_PROXIES: "10.0.0.0/8, ::1, 192.168.7.7" }).trustedProxies);
const headers = (values: Record<string, string>) => (name: string) => values[name];

test("from an untrusted peer the socket's address is the client, whatever the headers say", () => {
  fc.assert(
    fc.property(fc.ipV4(), fc.string(), fc.string(), (peer, forwardedFor, forwarded) => {
      fc.pre(!peer.startsWith("10.") && peer !== "192.168.7.7");
      assert.equal(clientAddress(peer, headers({ "x-forwarded-for": forwardedFor, forwarded }), proxies), peer);
    }),
  );
  // Nobody is trusted by default.
  const none = trustedProxies(parseConfig({}).trustedProxies);
  assert.equal(clientAddress("127.0.0.1", headers({ "x-forwarded-for": "6.6.6.6" }), none), "127.0.0.1");
});

test("from a trusted proxy: the rightmost hop no trusted proxy stands for", () => {
  const from = (peer: string, values: Record<string, string>) => clientAddress(peer, headers(values), proxies);
  // What the client sent itself (the leftmost entries) is passed over.
  assert.equal(from("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), "203.0.113.9");
  assert.equal(from("::ffff:10.0.0.2", { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.1.2.3" }), "203.0.113.9");
  assert.equal(from("::1", { "x-forwarded-for": "2001:DB8::7" }), "2001:db8::7");
  // Forwarded (RFC 7239) when there is no X-Forwarded-For: quoted, bracketed, with ports.
  assert.equal(from("10.0.0.2", { forwarded: 'for=6.6.6.6, for="[2001:db8::7]:4711";proto=https' }), "2001:db8::7");
  assert.equal(from("10.0.0.2", { forwarded: "for=198.51.100.4:8080;by=10.0.0.2" }), "198.51.100.4");
  // X-Forwarded-For wins: proxies that maintain it pass a client's own Forwarded header through.
  assert.equal(from("10.0.0.2", { "x-forwarded-for": "198.51.100.5", forwarded: "for=6.6.6.6" }), "198.51.100.5");
  // A hop that is no address stops at the proxy that wrote it; no header: the proxy itself.
  assert.equal(from("10.0.0.2", { "x-forwarded-for": "unknown, 10.0.0.9" }), "10.0.0.9");
  assert.equal(from("10.0.0.2", { forwarded: "for=_hidden" }), "10.0.0.2");
  assert.equal(from("10.0.0.2", {}), "10.0.0.2");
  assert.equal(clientAddress(undefined, headers({}), proxies), "unknown");
});

test("addresses are read bare, and an IPv6 client is its /64", () => {
  assert.equal(bareAddress("[2001:db8::1]:443"), "2001:db8::1");
  assert.equal(bareAddress("fe80::1%eth0"), "fe80::1");
  assert.equal(bareAddress("::FFFF:192.0.2.1"), "192.0.2.1");
  assert.equal(bareAddress("unknown"), undefined);
  assert.equal(clientBlock("192.0.2.1"), "192.0.2.1");
  assert.equal(clientBlock("2001:db8:0:1:aaaa::1"), "2001:db8:0:1::/64");
  assert.equal(clientBlock("2001:db8::1"), clientBlock("2001:0db8:0000:0000:ffff::"));
  assert.notEqual(clientBlock("2001:db8:0:1::1"), clientBlock("2001:db8:0:2::1"));
});

test("TRUSTED_PROXIES accepts addresses and CIDR ranges, and names itself when wrong", () => {
  assert.deepEqual(parseConfig({ TRUSTED_PROXIES: " 10.0.0.0/8,fd00::/8 " }).trustedProxies, [
    { address: "10.0.0.0", prefix: 8, family: "ipv4" },
    { address: "fd00::", prefix: 8, family: "ipv6" },
  ]);
  for (const bad of ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8/1", "::1/129"]) {
    assert.throws(() => parseConfig({ TRUSTED_PROXIES: bad }), /^ConfigError: TRUSTED_PROXIES must be/);
  }
});
