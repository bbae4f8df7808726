// No `import "server-only"` here or in anything the API route imports: Next resolves that
// package to its throwing variant in pages/, where the Connect adapter has to live. Client
// code is kept away from server/ by the lint rule in eslint.config.mjs instead.
import { databaseConfig } from "./database-config";
import { sqliteConnectionPragmas } from "./sqlite-pragmas";
import type { PrismaClient } from "./generated/sqlite/client";

/** The query API; both providers' clients are generated from the one model, so they share it. */
export type Db = PrismaClient;

// Cached on globalThis: Next's dev reloads and its separate bundles (the API route and the
// gRPC listener started from instrumentation) must share one client and one connection pool.
const cache = globalThis as typeof globalThis & { ordersDb?: Promise<Db> };

async function connect(): Promise<Db> {
  const config = databaseConfig();
  if (config.provider === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/postgresql/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const adapter = new PrismaPg({ connectionString: config.url, connectionTimeoutMillis: 5_000 });
    return new PrismaClient({ adapter }) as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("./generated/sqlite/client.ts"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: config.file }) });
  for (const pragma of sqliteConnectionPragmas) await db.$queryRawUnsafe(pragma);
  return db;
}

/** The process-wide Prisma client, connected on first use; a failed connect is retried next time. */
export function getDb(): Promise<Db> {
  cache.ordersDb ??= connect().catch((error: unknown) => {
    cache.ordersDb = undefined;
    throw error;
  });
  return cache.ordersDb;
}
