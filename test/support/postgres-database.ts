import { randomBytes } from "node:crypto";
import { config } from "../../server/config.js";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/migrations";

/** The server the PostgreSQL tests use; USER is unset on CI machines, so the URL names one. */
export const postgresUrl = config.postgresUrl;

/** Why PostgreSQL cannot be used, or undefined when it answers. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${postgresUrl} (${error instanceof Error ? error.message : String(error)}); set POSTGRES_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Why the PostgreSQL tests are skipped, or undefined when they run. With REQUIRE_POSTGRES they
 * always run, so a missing server fails them (with the reason printed) instead of going green.
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  const unavailable = await postgresUnavailable();
  if (!unavailable) return undefined;
  if (config.requirePostgres) {
    console.error(`REQUIRE_POSTGRES is set and ${unavailable}: the PostgreSQL tests will fail`);
    return undefined;
  }
  console.warn(`SKIPPED: ${unavailable}`);
  return unavailable;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A throwaway database on that server (with the migrations applied unless told not to), and how to drop it. */
export async function createPostgresDatabase({ migrate = true } = {}): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `orders_test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  if (migrate) await applyMigrations({ provider: "postgresql", url: url.href });
  return {
    url: url.href,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
