import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "../../scripts/db/migrations";

/** A migrated SQLite file in its own temp folder. */
export type SqliteDatabase = { file: string; url: string; remove: () => Promise<void> };

/**
 * Creates an empty SQLite file and applies the committed migrations to it, the way
 * `npm run db:migrate` does, so every test starts from the schema users get.
 */
export async function createSqliteDatabase(): Promise<SqliteDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "orders-test-"));
  const file = join(dir, "orders.db");
  await applyMigrations({ provider: "sqlite", file });
  return { file, url: `file:${file}`, remove: () => rm(dir, { recursive: true, force: true }) };
}
