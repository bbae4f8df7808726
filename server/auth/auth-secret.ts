import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { config } from "../config.js";

/** AUTH_SECRET is unset where it must be given (NODE_ENV=production). */
export class MissingAuthSecret extends Error {
  override readonly name = "MissingAuthSecret";
  constructor() {
    super("AUTH_SECRET must be set when NODE_ENV=production (for example `openssl rand -base64 32`)");
  }
}

// On globalThis: the API route and the gRPC listener are separate bundles; they share one
// secret (and one log line about it).
const cache = globalThis as typeof globalThis & { ordersAuthSecret?: Uint8Array };

/**
 * The key that signs API tokens and hashes session ids: AUTH_SECRET, or outside production a
 * secret generated once into data/ and reused, so tokens and sessions survive `npm run dev`
 * restarts. Resolved on first use, not at import: `next build` imports this module without one.
 * @throws {MissingAuthSecret} in production without AUTH_SECRET.
 */
export function authSecret(): Uint8Array {
  cache.ordersAuthSecret ??=
    config.authSecret !== undefined ? new TextEncoder().encode(config.authSecret) : developmentSecret();
  return cache.ordersAuthSecret;
}

/**
 * Resolves the secret when the server starts: a server that could not check credentials must
 * not start, and in development the log says where the generated secret lives. Without one in
 * production, ends the process with a one-line reason, as a bad variable does.
 */
export function authSecretOrExit(): void {
  try {
    authSecret();
  } catch (error) {
    if (!(error instanceof MissingAuthSecret)) throw error;
    console.error(`Invalid configuration: ${error.message}`);
    process.exit(1);
  }
}

function developmentSecret(): Uint8Array {
  if (config.production) throw new MissingAuthSecret();
  const file = config.authSecretFile;
  const shown = relative(process.cwd(), file) || file;
  try {
    const secret = readFileSync(file);
    console.log(`AUTH_SECRET is unset: using the development secret in ${shown}`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // Written beside and linked into place: link() fails if another process (a parallel test
  // file, the gRPC listener's bundle) got there first, and then everyone reads the winner's.
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, randomBytes(32).toString("base64url"), { mode: 0o600 });
  try {
    linkSync(draft, file);
    console.log(`AUTH_SECRET is unset: generated a development secret into ${shown} (kept for later runs)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file);
}
