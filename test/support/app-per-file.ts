import { after, before } from "node:test";
import { startNextServer } from "./next-server";
import type { NextServer } from "./next-server";
import { createSqliteDatabase } from "./sqlite-database";
import type { SqliteDatabase } from "./sqlite-database";

/** The production server and its database; filled in once this file's tests start. */
export type App = { server: NextServer; database: SqliteDatabase };

/**
 * Starts the production server on a fresh SQLite file before the calling test file's tests
 * and stops it after them: one server per file keeps the suite fast. `env` adds variables.
 */
export function appPerFile(env: Record<string, string> = {}): App {
  const app = {} as App;
  before(async () => {
    app.database = await createSqliteDatabase();
    app.server = await startNextServer({ databaseUrl: app.database.url, env });
  });
  after(async () => {
    await app.server?.stop();
    await app.database?.remove();
  });
  return app;
}
