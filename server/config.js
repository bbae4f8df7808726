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

/**
 * Every variable the server reads, with its default and, in `.describe()`, what it means:
 * `npm run generate` writes docs/configuration.md from this, so the text is for operators.
 */
export const environment = z.object({
  DATABASE_URL: databaseUrl.describe(
    `Unset: the SQLite file \`${defaultSqliteFile}\`. \`file:PATH\` for another SQLite file (relative to the working directory), \`postgresql://user@host:5432/db\` for PostgreSQL.`,
  ),
  PORT: port.default(3000).describe("HTTP port of the app, the Connect API (`/api`) and the REST routes (`/api/v1`)."),
  GRPC_PORT: z
    .union([z.literal("off"), z.coerce.number().int().min(0).max(65535)], {
      error: `${portMessage}, 0 for any free port, or "off"`,
    })
    .default(50091)
    .describe(
      "Cleartext HTTP/2 port for native gRPC (it also speaks Connect and gRPC-Web). `off` turns it off; `0` picks a free one, logged as `gRPC listening on :N`.",
    ),
  GRPC_HOST: z
    .string()
    .regex(/^[\w.:-]+$/, "must be a host name or IP address")
    .default("127.0.0.1")
    .describe(
      "Address the gRPC port binds to. Unset: `127.0.0.1`, this host only (a proxy on the same host, local tools); `0.0.0.0` or `::` for every interface.",
    ),
  SHUTDOWN_GRACE_MS: milliseconds
    .default(10_000)
    .describe("After SIGTERM or SIGINT, how long calls in flight may run before they are cancelled."),
  MIGRATE_LOCK_WAIT_MS: milliseconds
    .default(30_000)
    .describe("How long `db:migrate` (and `npm start`) retries while another process holds the database."),
  SQLITE_SYNCHRONOUS: z
    .enum(["NORMAL", "FULL"])
    .default("NORMAL")
    .describe(
      "`NORMAL` survives a crash of the process; `FULL` syncs every commit to disk, so it survives a power loss too, at a lower write rate.",
    ),
  CORS_ORIGINS: origins.describe(
    "Comma-separated origins (`https://app.example.com`) whose pages may call `/api` from the browser, with a token in `rpc-auth` or `Authorization`, never with cookies. Unset: same origin only.",
  ),
  TRUSTED_PROXIES: addressRanges.describe(
    "Addresses or CIDR ranges (`10.0.0.5`, `10.0.0.0/8`, `fd00::/8`), comma-separated, of reverse proxies whose `X-Forwarded-For` (or `Forwarded`) names the client, for sign-in throttling and log lines. Unset: nobody's; every peer is the client.",
  ),
  NEXT_DIST_DIR: z
    .string()
    .min(1)
    .default(".next")
    .describe("The build output folder `next build` writes and `next start` serves (the tests build into their own)."),
  PRISMA_SCHEMA_ENGINE_LOG: flag.describe("`1` prints the schema engine's log while migrating."),
  ECHO_PAUSE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(1000)
    .describe("Pause between the answers of `echo.EchoService/ServerStream` (the original slept one second)."),
  AUTH_SECRET: z
    .string()
    .min(32, { error: "must be at least 32 characters (for example `openssl rand -base64 32`)" })
    .optional()
    .describe(
      `Signs API tokens and keys session ids: \`openssl rand -base64 32\`, the same on every instance. Required in production (\`NODE_ENV=production\`); unset elsewhere, one is generated into \`${defaultAuthSecretFile}\`.`,
    ),
  AUTH_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(5_000)
    .describe(
      "How long a verified token or session is trusted without checking it again (`0`: never). Revocation elsewhere ends calls and open streams within it.",
    ),
  NODE_ENV: z
    .string()
    .default("development")
    .describe("`production` (set by `next start`) requires `AUTH_SECRET`; anything else generates one."),
  REQUIRE_POSTGRES: flag.describe(
    "Tests: `1` makes an unreachable PostgreSQL fail the PostgreSQL tests (with the reason printed) instead of skipping them. `.ci/run` sets it.",
  ),
  REQUIRE_PROXIES: flag.describe(
    "Tests: `1` makes missing `nginx` or `caddy` binaries fail the reverse-proxy test instead of skipping it. `.ci/run` sets it.",
  ),
  POSTGRES_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .default("postgresql://postgres@127.0.0.1:5432/test")
    .describe("Tests and `db:new-migration`: the PostgreSQL server the tests create their throwaway databases on."),
  CHECK_SERVICE_URL: httpUrl
    .optional()
    .describe(
      "Where `OrderService.CheckStatusOrder` calls `check.CheckStatusOrderService` (gRPC over HTTP/2). Unset: this process's own gRPC port; with `GRPC_PORT=off`, no status chain.",
    ),
  CHECK_LATENCY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(1000)
    .describe("How long the simulated fulfilment system takes to answer (the original slept one second)."),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl
    .optional()
    .describe("OTLP/HTTP collector base URL; spans go to `<endpoint>/v1/traces`. Unset: no tracing."),
  OTEL_SERVICE_NAME: z
    .string()
    .min(1)
    .default("orders")
    .describe("`service.name` of the spans and the `service` field of log lines."),
  WATCH_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(600_000)
    .default(15_000)
    .describe(
      "`WatchOrders` sends a heartbeat after this much silence; the UI takes 2.5 of them without a message for a dropped stream. Proxies must let idle streams live longer.",
    ),
  WATCH_LOG_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(10_000)
    .describe("How many of the newest order events are kept for watchers that resume from a cursor."),
  WATCH_POLL_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(600_000)
    .default(1_500)
    .describe(
      "While someone watches, how often each instance looks for writes nobody told it of (other processes on SQLite, a lost PostgreSQL `LISTEN`).",
    ),
  HISTORY_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(36_500)
    .default(90)
    .describe("How long a deleted order's history stays readable to the owner after the delete; then it is pruned."),
  STREAM_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(4 * 1024 * 1024)
    .describe(
      "Most bytes one client-streaming or bidi call may send in all (`echo.EchoService/ClientStream`, `BothStream`, reflection); past it the call ends with `RESOURCE_EXHAUSTED`. Each message is also capped at 1 MiB.",
    ),
  STREAM_MAX_MESSAGES: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(10_000)
    .describe(
      "Most messages one client-streaming or bidi call may send; past it the call ends with `RESOURCE_EXHAUSTED`.",
    ),
  STREAMS_HELD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(96 * 1024 * 1024)
    .describe(
      "Most bytes the request streams of the whole process may hold at once (their messages, until each call ends); a call whose next message would cross it ends with `RESOURCE_EXHAUSTED`.",
    ),
  OPEN_STREAMS_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(16)
    .describe(
      "Most streaming calls at once, per process, to the services that need no credentials (echo, health `Watch`, reflection); more get `RESOURCE_EXHAUSTED`.",
    ),
  OPEN_STREAMS_PER_CONNECTION: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(4)
    .describe("Most streaming calls at once on one connection to the services that need no credentials."),
  CALLS_RUNNING_PER_CALLER: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(32)
    .describe(
      "Calls one caller (a token, a session, or an address for calls without credentials) may have running at once; the next ones wait their turn within their deadline.",
    ),
  CALLS_WAITING_PER_CALLER: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(1_000)
    .describe(
      "Calls one caller may have waiting behind its running ones; more get `RESOURCE_EXHAUSTED` (HTTP 429) at once.",
    ),
  EARLY_ANSWER_LINGER_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(2_000)
    .describe(
      "After an HTTP/1.1 request is answered before its body was read (a body over 1 MiB), how long the rest is still read and dropped so the client sees the answer; then the connection is closed.",
    ),
  EARLY_ANSWER_LINGER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(1024 * 1024 * 1024)
    .default(32 * 1024 * 1024)
    .describe("The most bytes of such a body read and dropped after the answer; past them the connection is closed."),
  DELETED_RETENTION: z
    .string()
    .regex(/^[1-9][0-9]{0,5}[dhms]$/, 'a whole number and a unit: "30d", "12h", "90m" or "45s"')
    .default("30d")
    .describe(
      "How long a deleted order is kept, hidden, for UndeleteOrder and Undo (days, hours, minutes or seconds: `30d`, `12h`); then it is purged for good.",
    ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("The pino log level."),
});

const unitMs = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

/**
 * "30d", "12h", "90m" or "45s" in milliseconds.
 * @param {string} text
 */
function durationMs(text) {
  return Number(text.slice(0, -1)) * unitMs[/** @type {keyof typeof unitMs} */ (text.slice(-1))];
}

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
    /** Interface the gRPC port binds to (loopback unless GRPC_HOST says otherwise). */
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
    /** What one caller and the whole process may make the server hold (docs/limits.md). */
    limits: {
      streamMaxBytes: vars.STREAM_MAX_BYTES,
      streamMaxMessages: vars.STREAM_MAX_MESSAGES,
      streamsHeldMaxBytes: vars.STREAMS_HELD_MAX_BYTES,
      openStreamsMax: vars.OPEN_STREAMS_MAX,
      openStreamsPerConnection: vars.OPEN_STREAMS_PER_CONNECTION,
      callsRunningPerCaller: vars.CALLS_RUNNING_PER_CALLER,
      callsWaitingPerCaller: vars.CALLS_WAITING_PER_CALLER,
      lingerMs: vars.EARLY_ANSWER_LINGER_MS,
      lingerMaxBytes: vars.EARLY_ANSWER_LINGER_MAX_BYTES,
    },
    /** WatchOrders: heartbeat after this much silence, events kept for resume, fallback poll. */
    watch: { heartbeatMs: vars.WATCH_HEARTBEAT_MS, logSize: vars.WATCH_LOG_SIZE, pollMs: vars.WATCH_POLL_MS },
    requirePostgres: vars.REQUIRE_POSTGRES,
    /** How long a deleted order's history is kept (days after the delete). */
    orderHistoryRetentionDays: vars.HISTORY_RETENTION_DAYS,
    /** DELETED_RETENTION in milliseconds. */
    deletedRetentionMs: durationMs(vars.DELETED_RETENTION),
    requireProxies: vars.REQUIRE_PROXIES,
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
