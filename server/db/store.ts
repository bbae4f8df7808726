// No `import "server-only"` here or in anything the API route imports: Next resolves that
// package to its throwing variant in pages/, where the Connect adapter has to live. Client
// code is kept away from server/ by the lint rule in eslint.config.mjs instead.
import type { DatabaseConfig } from "../config.js";
import { createAccountRepository } from "../auth/account-repository";
import type { AccountRepository } from "../auth/account-repository";
import { createApiTokenRepository } from "../auth/api-token-repository";
import type { ApiTokenRepository } from "../auth/api-token-repository";
import { createSessionRepository } from "../auth/session-repository";
import type { SessionRepository } from "../auth/session-repository";
import { createSignInThrottleRepository } from "../auth/sign-in-throttle-repository";
import type { SignInThrottleRepository } from "../auth/sign-in-throttle-repository";
import { createOrderRepository } from "../orders/order-repository";
import type { Db, OrderRepository } from "../orders/order-repository";
import { sqliteConnectionPragmas } from "./sqlite-pragmas";
import { withStatementCache } from "./sqlite-statement-cache";

/** Everything the services keep: passed in, so tests build their own beside the app's. */
export type Store = {
  readonly provider: DatabaseConfig["provider"];
  readonly orders: OrderRepository;
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly signInThrottles: SignInThrottleRepository;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

async function connect(database: DatabaseConfig): Promise<Db> {
  if (database.provider === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/postgresql/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const adapter = new PrismaPg({ connectionString: database.url, connectionTimeoutMillis: 5_000 });
    return new PrismaClient({ adapter }) as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("./generated/sqlite/client.ts"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  const db = new PrismaClient({ adapter: withStatementCache(new PrismaBetterSqlite3({ url: database.file })) });
  for (const pragma of sqliteConnectionPragmas) await db.$queryRawUnsafe(pragma);
  return db;
}

/** A store on one database. It connects on first use; a failed connect is retried on the next. */
export function createStore(database: DatabaseConfig): Store {
  let client: Promise<Db> | undefined;
  const connected = () => {
    client ??= connect(database).catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  return {
    provider: database.provider,
    orders: createOrderRepository(connected, database.provider),
    accounts: createAccountRepository(connected),
    sessions: createSessionRepository(connected),
    apiTokens: createApiTokenRepository(connected),
    signInThrottles: createSignInThrottleRepository(connected),
    async ping() {
      await (await connected()).$queryRawUnsafe("SELECT 1");
    },
    async close() {
      const open = client;
      client = undefined;
      if (open) await (await open.catch(() => undefined))?.$disconnect();
    },
  };
}
