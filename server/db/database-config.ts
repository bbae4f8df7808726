import { isAbsolute, resolve } from "node:path";

/** Where the orders live, decided once from `DATABASE_URL`. */
export type DatabaseConfig =
  | { provider: "sqlite"; file: string }
  | { provider: "postgresql"; url: string };

/** The embedded database used when `DATABASE_URL` is unset. */
export const defaultSqliteFile = "data/orders.db";

/**
 * Reads `DATABASE_URL`: unset or `file:PATH` selects the embedded SQLite file (relative
 * paths from the working directory), `postgres://` or `postgresql://` selects PostgreSQL.
 */
export function databaseConfig(url = process.env.DATABASE_URL): DatabaseConfig {
  if (url === undefined || url === "") {
    return { provider: "sqlite", file: resolve(defaultSqliteFile) };
  }
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    return { provider: "sqlite", file: isAbsolute(path) ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { provider: "postgresql", url };
  }
  throw new Error("DATABASE_URL must start with file:, postgres:// or postgresql://");
}
