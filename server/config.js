// @ts-check
// The one place the environment is read. Plain JavaScript (typed by inference from the zod
// schema) so that next.config.mjs can load it with Node's own loader; every other module
// imports the parsed `config`. Next's build-time constants (NODE_ENV, NEXT_RUNTIME) aside.
import { isIP } from "node:net";
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

/**
 * `TRUSTED_PROXIES`: addresses (`10.0.0.5`, `::1`) or CIDR ranges (`10.0.0.0/8`, `fd00::/8`),
 * comma-separated, as `{ address, prefix, family }`.
 */
const addressRanges = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (list) =>
      list.every((entry) => {
        const [address = "", prefix, ...rest] = entry.split("/");
        const family = isIP(address);
        const bits = family === 4 ? 32 : 128;
        return (
          family !== 0 &&
          rest.length === 0 &&
          (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))
        );
      }),
    { message: "must be comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8 or fd00::/8" },
  )
  .transform((list) =>
    list.map((entry) => {
      const [address = "", prefix] = entry.split("/");
      const family = isIP(address) === 4 ? /** @type {const} */ ("ipv4") : /** @type {const} */ ("ipv6");
      return { address, prefix: prefix === undefined ? (family === "ipv4" ? 32 : 128) : Number(prefix), family };
    }),
  );

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^/\s]+(\/\S*)?$/, "must be an http:// or https:// URL")
  .transform((url) => url.replace(/\/+$/, ""));

const milliseconds = z.coerce.number().int().min(0).max(3_600_000);

const flag = z
  .enum(["", "0", "1", "false", "true"])
  .default("")
  .transform((value) => value === "1" || value === "true");

const environment = z.object({
  DATABASE_URL: databaseUrl,
  PORT: port.default(3000),
  // 0 picks a free port (the tests use it, and read the bound one from the log).
  GRPC_PORT: z
    .union([z.literal("off"), z.coerce.number().int().min(0).max(65535)], {
      error: `${portMessage}, 0 for any free port, or "off"`,
    })
    .default(50091),
  // Unset: every interface, as Node's listen() without a host.
  GRPC_HOST: z
    .string()
    .regex(/^[\w.:-]+$/, "must be a host name or IP address")
    .optional(),
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
  MIGRATE_LOCK_WAIT_MS: milliseconds.default(30_000),
  SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  CORS_ORIGINS: origins,
  // Reverse proxies whose X-Forwarded-For / Forwarded say who the client is. Empty: nobody's.
  TRUSTED_PROXIES: addressRanges,
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  PRISMA_SCHEMA_ENGINE_LOG: flag,
  // Pause between the echoes of EchoService.ServerStream; the original slept one second.
  ECHO_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  // Signs API tokens and keys session ids. Unset outside production: generated into data/.
  AUTH_SECRET: z
    .string()
    .min(32, { error: "must be at least 32 characters (for example `openssl rand -base64 32`)" })
    .optional(),
  // How long a verified token or session is trusted without checking it again (0: never).
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  NODE_ENV: z.string().default("development"),
  // Where the PostgreSQL tests create throwaway databases and db:new-migration connects.
  // 1 in CI: an unreachable PostgreSQL fails the PostgreSQL tests instead of skipping them.
  REQUIRE_POSTGRES: flag,
  POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/test"),
  // The CheckStatusOrder chain: where OrderService reaches check.CheckStatusOrderService
  // (unset: this process's own gRPC port) and how long the simulated fulfilment system takes.
  CHECK_SERVICE_URL: httpUrl.optional(),
  CHECK_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  // Traces go out over OTLP/HTTP only when an endpoint is set (the SDK's standard variable names).
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("orders"),
  // WatchOrders: a heartbeat after this much silence; events kept for resuming; how often each
  // instance looks for other processes' writes when no notification came (SQLite has none).
  WATCH_HEARTBEAT_MS: z.coerce.number().int().min(50).max(600_000).default(15_000),
  WATCH_LOG_SIZE: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  WATCH_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1_500),
  // A deleted order's history stays readable to the owner this long, then is pruned.
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
    /** Interface the gRPC port binds to; undefined for all. */
    grpcHost: vars.GRPC_HOST,
    /** How long in-flight calls may run after SIGTERM/SIGINT before they are cancelled. */
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    /** How long db:migrate retries while another process holds the database. */
    migrateLockWaitMs: vars.MIGRATE_LOCK_WAIT_MS,
    /** NORMAL survives a process crash; FULL also a power loss, at a lower write rate. */
    sqliteSynchronous: vars.SQLITE_SYNCHRONOUS,
    corsOrigins: vars.CORS_ORIGINS,
    /**
     * Peers whose forwarding headers name the client (sign-in throttling, log lines); from any
     * other peer the socket's address is the client's.
     */
    trustedProxies: vars.TRUSTED_PROXIES,
    distDir: vars.NEXT_DIST_DIR,
    schemaEngineLog: vars.PRISMA_SCHEMA_ENGINE_LOG,
    echoPauseMs: vars.ECHO_PAUSE_MS,
    postgresUrl: vars.POSTGRES_URL,
    /**
     * Base URL of check.CheckStatusOrderService; undefined: this process's own gRPC port, once
     * bound (GRPC_PORT=0 binds any free one), or no chain at all when the port is off.
     */
    checkServiceUrl: vars.CHECK_SERVICE_URL,
    checkLatencyMs: vars.CHECK_LATENCY_MS,
    /** OTLP/HTTP base URL (traces go to `/v1/traces` under it); undefined: tracing is off. */
    otlpEndpoint: vars.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: vars.OTEL_SERVICE_NAME,
    logLevel: vars.LOG_LEVEL,
    /** WatchOrders: heartbeat after this much silence, events kept for resume, fallback poll. */
    watch: { heartbeatMs: vars.WATCH_HEARTBEAT_MS, logSize: vars.WATCH_LOG_SIZE, pollMs: vars.WATCH_POLL_MS },
    requirePostgres: vars.REQUIRE_POSTGRES,
    /** How long a deleted order's history is kept (days after the delete). */
    orderHistoryRetentionDays: vars.HISTORY_RETENTION_DAYS,
    /** AUTH_SECRET; when undefined, server/auth/auth-secret.ts decides (generate, or refuse in production). */
    authSecret: vars.AUTH_SECRET,
    /** How long revoking a token or ending a session may take to reach a running server. */
    authCacheMs: vars.AUTH_CACHE_MS,
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
