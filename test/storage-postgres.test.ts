import { test } from "node:test";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { storageChecks } from "./support/storage-checks";
import { tuningChecks } from "./support/tuning-checks";

const skip = await postgresSkipReason();
if (skip) test("PostgreSQL storage", { skip }, () => {});
else {
  storageChecks("postgresql", createPostgresDatabase);
  tuningChecks("postgresql", createPostgresDatabase);
}
