import { BlockList, isIP } from "node:net";
import { config } from "../config.js";
import type { Config } from "../config.js";

/** Which peers are reverse proxies whose forwarding headers may be believed. */
export type TrustedProxies = { has(address: string): boolean };

/** The TRUSTED_PROXIES ranges as a set to test addresses against. */
export function trustedProxies(ranges: Config["trustedProxies"] = config.trustedProxies): TrustedProxies {
  const list = new BlockList();
  for (const { address, prefix, family } of ranges) list.addSubnet(address, prefix, family);
  return {
    has: (address) => ranges.length > 0 && list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6"),
  };
}

/**
 * A bare IP address from what sockets and proxies write: IPv4-mapped IPv6 as IPv4, IPv6 without
 * brackets or zone, either without a port (`[::1]:4711`, `192.0.2.1:8080`, Forwarded's quotes).
 * Undefined for anything else (`unknown`, obfuscated names, garbage).
 */
export function bareAddress(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let value = text.trim().replace(/^"(.*)"$/, "$1");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) === 0 ? undefined : value;
}

/** The `for=` hops of a Forwarded header (RFC 7239), oldest first. */
function forwardedFor(header: string): string[] {
  return header.split(",").map((element) => {
    const pair = element
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.toLowerCase().startsWith("for="));
    return pair === undefined ? "" : pair.slice("for=".length);
  });
}

/**
 * Who sent a request. From a peer in TRUSTED_PROXIES: the rightmost address of
 * X-Forwarded-For (or, when that header is absent, of Forwarded's `for=`) that is not itself a
 * trusted proxy, walking left from the peer: each hop was written by the trusted proxy to its
 * right, and what is left of the first untrusted one was written by the client itself. A hop
 * that is no address stops the walk at the proxy that wrote it. From any other peer the
 * headers are ignored: anyone can send them.
 */
export function clientAddress(
  peer: string | undefined,
  header: (name: string) => string | undefined,
  trusted: TrustedProxies,
): string {
  let client = bareAddress(peer);
  if (client === undefined) return "unknown";
  if (!trusted.has(client)) return client;
  const forwardedForHeader = header("x-forwarded-for");
  const forwarded = header("forwarded");
  const hops =
    forwardedForHeader !== undefined
      ? forwardedForHeader.split(",")
      : forwarded !== undefined
        ? forwardedFor(forwarded)
        : [];
  for (const hop of hops.reverse()) {
    const address = bareAddress(hop);
    if (address === undefined) break;
    client = address;
    if (!trusted.has(address)) break;
  }
  return client;
}

/**
 * The block one client controls: an IPv4 address itself, an IPv6 address's /64 (one subscriber
 * usually gets a whole /64 and may pick any address in it, so counting per address would let
 * one person pose as billions). Anything that is no address is returned unchanged.
 */
export function clientBlock(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const groupsOf = (part: string) =>
    (part === "" ? [] : part.split(":")).flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...Array<string>(Math.max(8 - front.length - back.length, 0)).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
