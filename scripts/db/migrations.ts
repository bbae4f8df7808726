import { mkdir, readdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "../../server/config.js";
import { openSchemaEngine } from "./schema-engine";
import type { OpenSchemaEngine } from "./schema-engine";
import { sqliteJournalMode } from "../../server/db/sqlite-pragmas";

const prismaDir = fileURLToPath(new URL("../../prisma/", import.meta.url));

/** Where each provider's schema and migration history live, in Prisma's own layout. */
export const providerPaths = {
  sqlite: { schema: `${prismaDir}schema.prisma`, migrations: `${prismaDir}migrations` },
  postgresql: {
    schema: `${prismaDir}postgresql/schema.prisma`,
    migrations: `${prismaDir}postgresql/migrations`,
  },
};

/**
 * The PostgreSQL schema the migrations were last generated for. New PostgreSQL migrations are
 * diffed from it (see scripts/db-new-migration.ts); not a .prisma file, so no tool loads it.
 */
export const migratedSchemaSnapshot = `${prismaDir}postgresql/migrations/schema.prisma.snapshot`;

/** How long the migrator waits for a PostgreSQL connection before giving up. */
export const postgresConnectTimeoutMs = 5_000;

/**
 * Tables the migrations create by hand and Prisma's schema must not know: SQLite's FTS5 index
 * on order names and the shadow tables FTS5 keeps for it. Without this the engine would diff
 * them as tables to drop.
 */
export const schemaFilters = {
  sqlite: {
    externalTables: ["orders_fts", "orders_fts_config", "orders_fts_data", "orders_fts_docsize", "orders_fts_idx"],
    externalEnums: [],
  },
  // The trigram index there is an index, which the catalog check in test/drift.test.ts names.
  postgresql: { externalTables: [], externalEnums: [] },
};

/** Reads a migrations folder the way the Prisma CLI does. */
export async function readMigrationList(baseDir: string): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(`${baseDir}/${name}/migration.sql`, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  const lockfileContent = await readFile(`${baseDir}/migration_lock.toml`, "utf8").catch(() => null);
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockfileContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

async function adapterFactoryFor(config: DatabaseConfig): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (config.provider === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    // A host that does not answer fails the migration after this, instead of hanging it.
    return new PrismaPg({ connectionString: config.url, connectionTimeoutMillis: postgresConnectTimeoutMs });
  }
  const [{ PrismaBetterSqlite3 }, { default: Database }] = await Promise.all([
    import("@prisma/adapter-better-sqlite3"),
    import("better-sqlite3"),
  ]);
  if (config.file !== ":memory:") {
    await mkdir(dirname(config.file), { recursive: true });
    const file = new Database(config.file);
    file.pragma(sqliteJournalMode);
    file.close();
  }
  return new PrismaBetterSqlite3({ url: config.file });
}

/** Opens Prisma's schema engine against the configured database. */
export async function openEngine(config: DatabaseConfig): Promise<OpenSchemaEngine> {
  const { schema } = providerPaths[config.provider];
  return openSchemaEngine(schema, await readFile(schema, "utf8"), await adapterFactoryFor(config));
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, exactly as
 * `prisma migrate deploy` would, and returns the names of those it applied.
 */
export async function applyMigrations(config: DatabaseConfig): Promise<string[]> {
  const { engine, close } = await openEngine(config);
  try {
    const migrationsList = await readMigrationList(providerPaths[config.provider].migrations);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: schemaFilters[config.provider],
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The migrations recorded as finished in `_prisma_migrations`, read without the schema engine
 * (which locks a SQLite file exclusively): [] for a database that has none yet.
 */
export async function finishedMigrations(config: DatabaseConfig): Promise<string[]> {
  const query =
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name";
  if (config.provider === "postgresql") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: postgresConnectTimeoutMs });
    await client.connect();
    try {
      const exists = await client.query<{ present: boolean }>(
        "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
      );
      if (!exists.rows[0]?.present) return [];
      return (await client.query<{ migration_name: string }>(query)).rows.map((row) => row.migration_name);
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import("better-sqlite3");
  let file;
  try {
    file = new Database(config.file, { readonly: true, fileMustExist: true });
  } catch {
    return []; // no file yet: nothing applied
  }
  try {
    const table = file
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return [];
    return file
      .prepare<[], { migration_name: string }>(query)
      .all()
      .map((row) => row.migration_name);
  } finally {
    file.close();
  }
}
