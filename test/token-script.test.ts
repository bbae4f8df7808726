// `npm run token`: what scripts and CI run to get a token, on a database no one has opened yet.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { verifyToken } from "../server/auth/tokens";
import { createStore } from "../server/db/store";
import { encodeSecret, newAuthSecret } from "./support/credentials";

const root = resolve(import.meta.dirname, "..");
const dir = await mkdtemp(join(tmpdir(), "orders-token-"));
after(() => rm(dir, { recursive: true, force: true }));
const file = join(dir, "fresh.db");
const secret = newAuthSecret();

function token(args: string[], env: Record<string, string> = {}) {
  return spawnSync("npm", ["run", "-s", "token", "--", ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "development",
      DATABASE_URL: `file:${file}`,
      AUTH_SECRET: secret,
      ...env,
    },
    encoding: "utf8",
  });
}

test("prints only the token, on a fresh database before any account exists", async () => {
  const run = token(["--name", "ci", "--ttl", "2h"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  const claims = await verifyToken(encodeSecret(secret), run.stdout.trim());
  assert.equal(claims.subject, "service:ci");
  assert.ok(Math.abs(claims.expires.getTime() - Date.now() - 2 * 3_600_000) < 60_000);
  const store = createStore({ provider: "sqlite", file });
  try {
    assert.equal((await store.apiTokens.find(claims.tokenId))?.name, "ci");
    assert.equal(await store.accounts.count(), 0);
  } finally {
    await store.close();
  }
});

test("--scope read makes a read-only token; without --scope it reads and writes", async () => {
  const scopeOf = async (args: string[]) => {
    const run = token(["--name", "scoped", ...args]);
    assert.equal(run.status, 0, run.stderr);
    const store = createStore({ provider: "sqlite", file });
    try {
      return (await store.apiTokens.find((await verifyToken(encodeSecret(secret), run.stdout.trim())).tokenId))?.scope;
    } finally {
      await store.close();
    }
  };
  assert.equal(await scopeOf(["--scope", "read"]), "read");
  assert.equal(await scopeOf(["--scope", "write"]), "write");
  assert.equal(await scopeOf([]), "write");
});

test("refuses bad arguments, and production without AUTH_SECRET, with one line on stderr", () => {
  for (const [args, message] of [
    [[], /^usage: npm run token -- --name NAME/],
    [["--name", "ci", "--ttl", "1y"], /^--ttl: usage/],
    [["--name", " "], /^--name: Give the token a name\./],
    [["--name", "ci", "--scope", "admin"], /^--scope: usage/],
  ] as const) {
    const run = token([...args]);
    assert.equal(run.status, 2, args.join(" "));
    assert.equal(run.stdout, "");
    assert.match(run.stderr, message);
  }
  const production = token(["--name", "ci"], { NODE_ENV: "production", AUTH_SECRET: "" });
  assert.equal(production.status, 2);
  assert.equal(
    production.stderr.trim(),
    "AUTH_SECRET must be set when NODE_ENV=production (for example `openssl rand -base64 32`)",
  );
});
