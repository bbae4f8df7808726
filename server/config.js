// @ts-check
// The one place the environment is read. Plain JavaScript (typed by inference from the zod
// schema) so that next.config.mjs can load it with Node's own loader; every other module
// imports the parsed `config`. Next's build-time constants (NODE_ENV, NEXT_RUNTIME) aside.
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

/** The embedded database used when `DATABASE_URL` is unset. */
export const defaultSqliteFile = "data/orders.db";

/** Where `AUTH_SECRET` is generated outside production when it is unset (gitignored, as data/ is). */
export const defaultAuthSecretFile = "data/auth-secret";

const portMessage = "must be a port number from 1 to 65535";
const port = z.coerce
  .number({ error: portMessage })
  .int({ error: portMessage })
  .min(1, { error: portMessage })
  .max(65535, { error: portMessage });

/**
 * `DATABASE_URL`: unset or `file:PATH` selects the embedded SQLite file (relative paths from
 * the working directory); `postgres://` or `postgresql://` selects PostgreSQL.
 */
export const databaseUrl = z
  .string()
  .default("")
  .refine((url) => url === "" || url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), {
    message: "must be file:PATH, postgres://… or postgresql://…",
  })
  .transform((url) => {
    if (/^postgres(ql)?:\/\//.test(url)) return { provider: /** @type {const} */ ("postgresql"), url };
    const path = url === "" ? defaultSqliteFile : url.slice("file:".length);
    return { provider: /** @type {const} */ ("sqlite"), file: isAbsolute(path) ? path : resolve(path) };
  });

const origins = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((origin) => origin.trim().replace(/\/$/, ""))
      .filter(Boolean),
  )
  .refine((list) => list.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)), {
    message: "must be comma-separated origins such as https://app.example.com",
  })
  .transform((list) => /** @type {ReadonlySet<string>} */ (new Set(list)));

const flag = z
  .enum(["", "0", "1", "false", "true"])
  .default("")
  .transform((value) => value === "1" || value === "true");

const environment = z.object({
  DATABASE_URL: databaseUrl,
  PORT: port.default(3000),
  GRPC_PORT: z.union([z.literal("off"), port], { error: `${portMessage}, or "off"` }).default(50091),
  CORS_ORIGINS: origins,
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  PRISMA_SCHEMA_ENGINE_LOG: flag,
  // Signs API tokens and keys session ids. Unset outside production: generated into data/.
  AUTH_SECRET: z
    .string()
    .min(32, { error: "must be at least 32 characters (for example `openssl rand -base64 32`)" })
    .optional(),
  NODE_ENV: z.string().default("development"),
  // Where the PostgreSQL tests create throwaway databases and db:new-migration connects.
  POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/test"),
});

const secretVariables = new Set(["AUTH_SECRET"]);

/** Everything the server reads from its environment, validated and with its defaults. */
export function parseConfig(/** @type {Record<string, string | undefined>} */ env) {
  // An empty variable means unset, as in shells and .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const result = environment.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // Secrets are described, never echoed: this line lands in logs.
    const got = secretVariables.has(name) ? `${(env[name] ?? "").length} characters` : JSON.stringify(env[name] ?? "");
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"} (got ${got})`);
  }
  const vars = result.data;
  return {
    database: vars.DATABASE_URL,
    port: vars.PORT,
    /** Cleartext HTTP/2 port for native gRPC; undefined when turned off. */
    grpcPort: vars.GRPC_PORT === "off" ? undefined : vars.GRPC_PORT,
    corsOrigins: vars.CORS_ORIGINS,
    distDir: vars.NEXT_DIST_DIR,
    schemaEngineLog: vars.PRISMA_SCHEMA_ENGINE_LOG,
    postgresUrl: vars.POSTGRES_URL,
    /** AUTH_SECRET; when undefined, server/auth/auth-secret.ts decides (generate, or refuse in production). */
    authSecret: vars.AUTH_SECRET,
    /** Where a development secret is generated and kept when AUTH_SECRET is unset. */
    authSecretFile: resolve(defaultAuthSecretFile),
    production: vars.NODE_ENV === "production",
  };
}

/** A variable with a value the server cannot use; its message is one line naming it. */
export class ConfigError extends Error {
  name = "ConfigError";
}

function loadConfig() {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line, no stack: the operator needs the variable and what it accepts.
    console.error(`Invalid configuration: ${error.message}`);
    process.exit(1);
  }
}

/** @typedef {ReturnType<typeof parseConfig>} Config */
/** @typedef {Config["database"]} DatabaseConfig */

/** The process's configuration, read once at start-up. */
export const config = loadConfig();
