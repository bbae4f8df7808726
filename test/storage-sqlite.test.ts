import { storageChecks } from "./support/storage-checks";
import { createSqliteDatabase } from "./support/sqlite-database";

storageChecks("sqlite", async () => {
  const database = await createSqliteDatabase();
  return { url: database.url, drop: database.remove };
});
