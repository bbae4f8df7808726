import { storageChecks } from "./support/storage-checks";
import { createSqliteDatabase } from "./support/sqlite-database";
import { tuningChecks } from "./support/tuning-checks";

storageChecks("sqlite", async () => {
  const database = await createSqliteDatabase();
  return { url: database.url, drop: database.remove };
});

tuningChecks("sqlite", async () => {
  const database = await createSqliteDatabase();
  return { url: database.url, drop: database.remove };
});
