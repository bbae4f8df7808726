import { test } from "node:test";
import { createPostgresDatabase, postgresUnavailable } from "./support/postgres-database";
import { storageChecks } from "./support/storage-checks";
import { tuningChecks } from "./support/tuning-checks";

const unavailable = await postgresUnavailable();
if (!unavailable) {
  storageChecks("postgresql", createPostgresDatabase);
  tuningChecks("postgresql", createPostgresDatabase);
} else if (process.env.REQUIRE_POSTGRES) {
  // CI sets REQUIRE_POSTGRES so a missing server fails the run instead of being skipped.
  test("PostgreSQL storage", () => {
    throw new Error(unavailable);
  });
} else {
  console.warn(`SKIPPED: ${unavailable}`);
  test("PostgreSQL storage", { skip: unavailable }, () => {});
}
