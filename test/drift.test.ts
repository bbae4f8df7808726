// Generated and derived files must match their sources, or a change reached only one side.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import type { DatabaseConfig } from "../server/db/database-config";
import { noFilters, openEngine, providerPaths, readMigrationList } from "../server/db/migrations";
import { postgresSchema } from "../scripts/db-schema";
import { postgresUnavailable, postgresUrl } from "./support/postgres-database";

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

test("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma", async () => {
  assert.equal(await readFile(providerPaths.postgresql.schema, "utf8"), await postgresSchema(), "run `npm run db:schema`");
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
      filters: noFilters,
    });
  } finally {
    await close();
  }
}

test("the SQLite migrations produce exactly the schema", async () => {
  const { exitCode, stdout } = await migrationDrift({ provider: "sqlite", file: ":memory:" });
  assert.equal(exitCode, 0, `schema.prisma changed without a migration (npm run db:new-migration):\n${stdout}`);
});

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`SKIPPED: ${unavailable}`);

// todo, not skip: it runs and reports, but does not fail the suite while the shadow database
// it needs fails with DatabaseDoesNotExist (@prisma/adapter-pg 7.10 connectToShadowDb).
const shadowDbBroken = "PostgreSQL shadow database fails with DatabaseDoesNotExist; see the test report";
test("the PostgreSQL migrations produce exactly the schema", unavailable ? { skip: unavailable } : { todo: shadowDbBroken }, async () => {
  // The engine replays the migrations in a temporary shadow database on that server.
  const { exitCode, stdout } = await migrationDrift({ provider: "postgresql", url: postgresUrl });
  assert.equal(exitCode, 0, `schema.prisma changed without a PostgreSQL migration (npm run db:new-migration):\n${stdout}`);
});
