// Issues an API token for a program (a script, CI, another service) and prints it alone on
// standard output, so `TOKEN=$(npm run -s token -- --name ci)` works:
//   npm run token -- --name NAME [--ttl 30d] [--scope read|write]
// Works on a fresh database before any account exists: the token names a service identity.
import { parseArgs } from "node:util";
import { authSecret, MissingAuthSecret } from "../server/auth/auth-secret";
import { defaultTokenTtlMs, issueApiToken, parseTtl, tokenNameProblem } from "../server/auth/api-tokens";
import { config } from "../server/config.js";
import { createStore } from "../server/db/store";
import { migrateFirst } from "./db/migrate-first";

// Stdout carries the token alone: everything else (the secret's log line too) goes to stderr.
const printToken = console.log.bind(console);
console.log = console.error;

const usage =
  "usage: npm run token -- --name NAME [--ttl 30d] [--scope read|write]   (ttl: minutes m, hours h or days d, at most 366d; scope: write, the default, includes read)";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: { name: { type: "string" }, ttl: { type: "string" }, scope: { type: "string" } },
      strict: true,
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
})();
const name = values.name ?? fail(usage);
const nameProblem = tokenNameProblem(name);
if (nameProblem) fail(`--name: ${nameProblem}`);
const scope = values.scope ?? "write";
if (scope !== "read" && scope !== "write") fail(`--scope: ${usage}`);
const ttlMs = values.ttl === undefined ? defaultTokenTtlMs : (parseTtl(values.ttl) ?? fail(`--ttl: ${usage}`));

let secret: Uint8Array;
try {
  secret = authSecret();
} catch (error) {
  if (error instanceof MissingAuthSecret) fail(error.message);
  throw error;
}
// A fresh database gets its schema first. A migrated one is only read: the schema engine locks
// a SQLite file exclusively, which a running server holding it would turn into a failure.
await migrateFirst("token");
const store = createStore(config.database);
try {
  const { token, record } = await issueApiToken(store, secret, {
    name: name.trim(),
    ttlMs,
    scope,
    owner: { service: name.trim() },
  });
  console.error(
    `token ${JSON.stringify(record.name)} (${record.scope}) for ${record.subject}, expires ${record.expireTime.toISOString()}`,
  );
  printToken(token);
} finally {
  await store.close();
}
