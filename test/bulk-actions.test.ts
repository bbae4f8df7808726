// Batch writes all or nothing, soft delete and undo, CSV import and export: on SQLite, and on
// PostgreSQL when a server answers (skipped, saying so, when none does).
import { test } from "node:test";
import { bulkChecks } from "./support/bulk-checks";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { createSqliteDatabase } from "./support/sqlite-database";

bulkChecks("sqlite", async () => {
  const database = await createSqliteDatabase();
  return { url: database.url, drop: database.remove };
});

const skip = await postgresSkipReason();
if (skip) test("bulk actions on PostgreSQL", { skip }, () => {});
else bulkChecks("postgresql", createPostgresDatabase);
