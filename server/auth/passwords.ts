import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { ScryptOptions } from "node:crypto";

/** Shortest password accepted. Length is what makes guessing impractical; no composition rules. */
export const minPasswordLength = 12;
/** Longest accepted: the KDF's cost grows with input, and no person types more. */
export const maxPasswordLength = 1024;

/**
 * scrypt at N=2^15, r=8, p=1 (32 MiB and roughly 50-100 ms per hash here): OWASP's password
 * storage recommendation for scrypt is N=2^17 at 128 MiB; this trades a quarter of that cost
 * for a sign-in that stays quick on two shared cores. The parameters are stored with each hash,
 * so raising them later leaves existing passwords verifiable.
 */
const parameters = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem: Node's default (32 MiB) is exactly 128·N·r at these settings and would refuse them.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, keyLength, scryptOptions, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a fresh random salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, parameters);
  const { N, r, p } = parameters;
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !N || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash no password matches, verified against when the username is unknown, so that the
 * answer takes as long as for a real account and does not tell which usernames exist.
 */
export const unknownAccountHash = `scrypt$${parameters.N}$${parameters.r}$${parameters.p}$${Buffer.alloc(saltLength).toString("base64url")}$`;

/** What is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters.`;
  if (password.length > maxPasswordLength) return `Use at most ${maxPasswordLength} characters.`;
  return undefined;
}
