import type { Database } from "better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { memoByText } from "./memo-by-text";

/**
 * Prisma's better-sqlite3 adapter prepares every statement anew (`client.prepare(sql).bind(args)`),
 * about a tenth of a simple call's CPU in a profile. This keeps the last `maxStatements` prepared
 * statements by SQL text and hands the adapter a view of one that takes the arguments per run,
 * since a better-sqlite3 statement can be bound only once. Prisma's SQL for a query shape is
 * stable (arguments are always bound), so a few dozen shapes cover the app.
 */
function cacheStatements(db: Database, maxStatements: number): void {
  const prepared = memoByText(db.prepare.bind(db), maxStatements);
  // Exactly what the adapter calls: prepare(sql).run(), and prepare(sql).bind(args) followed by
  // run(), or by reader, columns() and raw().all() (it reads every row as an array).
  const view = (sql: string) => {
    const statement = prepared(sql);
    return {
      reader: statement.reader,
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  };
  db.prepare = view as unknown as Database["prepare"];
}

/**
 * The adapter factory, with a statement cache on each connection it opens. `onConnect` is
 * handed each connection first, while its `prepare` is still better-sqlite3's own.
 */
export function withStatementCache(
  factory: SqlMigrationAwareDriverAdapterFactory,
  onConnect: (client: Database) => void = () => {},
  maxStatements = 500,
): SqlMigrationAwareDriverAdapterFactory {
  const cached = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = await adapter;
    // The adapter's connection is a public field, though not in its types; without it, no cache.
    const { client } = connected as unknown as { client?: Database };
    if (typeof client?.prepare === "function") {
      onConnect(client);
      cacheStatements(client, maxStatements);
    }
    return connected;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => cached(factory.connect()),
    connectToShadowDb: () => cached(factory.connectToShadowDb()),
  };
}
