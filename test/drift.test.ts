// Generated and derived files must match their sources, or a change reached only one side.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import pg from "pg";
import type { DatabaseConfig } from "../server/config.js";
import {
  migratedSchemaSnapshot,
  schemaFilters,
  openEngine,
  providerPaths,
  readMigrationList,
} from "../scripts/db/migrations";
import { configurationReference, configurationReferenceFile } from "../scripts/config-reference";
import { postgresSchema } from "../scripts/db-schema";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";

const root = resolve(import.meta.dirname, "..");
const bin = join(root, "node_modules/.bin");

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [relative(dir, file), await readFile(file)] as const)));
}

test("gen/ is exactly what `buf generate` writes from proto/", async () => {
  const out = await mkdtemp(join(tmpdir(), "orders-gen-"));
  try {
    // --output prefixes buf.gen.yaml's `out: gen`, so the committed template itself is used.
    await promisify(execFile)(join(bin, "buf"), ["generate", "--output", out], {
      cwd: root,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    const [fresh, committed] = await Promise.all([filesUnder(join(out, "gen")), filesUnder(join(root, "gen"))]);
    assert.deepEqual([...fresh.keys()].sort(), [...committed.keys()].sort(), "gen/ has other files than buf generates");
    for (const [path, bytes] of fresh) {
      assert.ok(bytes.equals(committed.get(path)!), `gen/${path} differs from \`npm run generate\` output`);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("docs/configuration.md is generated from server/config.js's schema", async () => {
  assert.equal(
    await readFile(join(root, configurationReferenceFile), "utf8"),
    configurationReference(),
    "run `npm run docs:config`",
  );
});

test("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma", async () => {
  assert.equal(
    await readFile(providerPaths.postgresql.schema, "utf8"),
    await postgresSchema(),
    "run `npm run db:schema`",
  );
});

test("the PostgreSQL history was last generated for the current schema", async () => {
  // db:new-migration diffs the next PostgreSQL migration from this snapshot.
  assert.equal(
    await readFile(migratedSchemaSnapshot, "utf8"),
    await postgresSchema(),
    "run `npm run db:new-migration -- NAME`",
  );
});

/** The SQL that would bring the committed migrations up to the schema: none when in step. */
async function migrationDrift(config: DatabaseConfig): Promise<{ exitCode: number; stdout: string | null }> {
  const paths = providerPaths[config.provider];
  const { engine, close } = await openEngine(config);
  try {
    const history = await readMigrationList(paths.migrations);
    return await engine.diff({
      from: { tag: "migrations", ...history },
      to: { tag: "schemaDatamodel", files: [{ path: paths.schema, content: await readFile(paths.schema, "utf8") }] },
      script: true,
      exitCode: true,
      filters: schemaFilters[config.provider],
    });
  } finally {
    await close();
  }
}

test("the SQLite migrations produce exactly the schema", async () => {
  const { exitCode, stdout } = await migrationDrift({ provider: "sqlite", file: ":memory:" });
  assert.equal(exitCode, 0, `schema.prisma changed without a migration (npm run db:new-migration):\n${stdout}`);
});

const unavailable = await postgresSkipReason();

// Created by migration SQL written by hand, which the schema cannot express (pg_trgm's GIN).
const handWrittenIndexes = ["orders_name_folded_trgm_idx"];

/** Tables, columns and indexes of a database, as PostgreSQL's catalogs describe them. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexname <> ALL($1) ORDER BY 1, 2`,
      [handWrittenIndexes],
    );
    return { columns: columns.rows, indexes: indexes.rows };
  } finally {
    await client.end();
  }
}

// The schema engine cannot describe a live PostgreSQL database through the driver adapter
// ("Column type 'char' could not be deserialized"), so the history is checked by result:
// one database built by replaying the migrations, one built straight from the schema.
test("the PostgreSQL migrations produce exactly the schema", { skip: unavailable }, async () => {
  const [migrated, direct] = await Promise.all([createPostgresDatabase(), createPostgresDatabase({ migrate: false })]);
  try {
    const paths = providerPaths.postgresql;
    const { engine, close } = await openEngine({ provider: "postgresql", url: direct.url });
    try {
      const { stdout } = await engine.diff({
        from: { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: paths.schema, content: await readFile(paths.schema, "utf8") }] },
        script: true,
        exitCode: null,
        filters: schemaFilters.postgresql,
      });
      await engine.dbExecute({ datasourceType: { tag: "url", url: direct.url }, script: stdout ?? "" });
    } finally {
      await close();
    }
    const [fromMigrations, fromSchema] = await Promise.all([catalog(migrated.url), catalog(direct.url)]);
    assert.ok(fromSchema.columns.length > 0, "the schema created no columns");
    assert.deepEqual(
      fromMigrations,
      fromSchema,
      "schema.prisma changed without a PostgreSQL migration (npm run db:new-migration)",
    );
    const client = new pg.Client({ connectionString: migrated.url });
    await client.connect();
    const present = await client.query("SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)", [
      handWrittenIndexes,
    ]);
    await client.end();
    assert.equal(present.rowCount, handWrittenIndexes.length, "a hand-written index is missing from the migrations");
  } finally {
    await Promise.all([migrated.drop(), direct.drop()]);
  }
});
