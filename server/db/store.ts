// No `import "server-only"` here or in anything the API route imports: Next resolves that
// package to its throwing variant in pages/, where the Connect adapter has to live. Client
// code is kept away from server/ by the lint rule in eslint.config.mjs instead.
import { statSync } from "node:fs";
import type { Database } from "better-sqlite3";
import { config } from "../config.js";
import type { DatabaseConfig } from "../config.js";
import { createAccountRepository } from "../auth/account-repository";
import type { AccountRepository } from "../auth/account-repository";
import { createApiTokenRepository } from "../auth/api-token-repository";
import type { ApiTokenRepository } from "../auth/api-token-repository";
import { createSessionRepository } from "../auth/session-repository";
import type { SessionRepository } from "../auth/session-repository";
import { appLogger } from "../observability/logger";
import { createSignInThrottleRepository } from "../auth/sign-in-throttle-repository";
import type { SignInThrottleRepository } from "../auth/sign-in-throttle-repository";
import { createOrderRepository } from "../orders/order-repository";
import type { Db, OrderRepository } from "../orders/order-repository";
import { createOrderEventFeed } from "../orders/order-event-feed";
import type { FeedOptions, OrderEventFeed } from "../orders/order-event-feed";
import { createOrderEventLog } from "../orders/order-events";
import { createOrderHistoryRepository } from "../orders/order-history";
import type { OrderHistoryRepository } from "../orders/order-history";
import type { OrderEventLog } from "../orders/order-events";
import { createNotificationHub, listenForNotifications } from "./pg-notifications";
import { memoByText } from "./memo-by-text";
import { transactionLimits } from "./transaction-limits";
import { sqliteConnectionPragmas } from "./sqlite-pragmas";
import { withStatementCache } from "./sqlite-statement-cache";

/** Everything the services keep: passed in, so tests build their own beside the app's. */
export type Store = {
  readonly provider: DatabaseConfig["provider"];
  readonly orders: OrderRepository;
  /** Every write to each order, with who made it (written by `orders`' writes). */
  readonly orderHistory: OrderHistoryRepository;
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly signInThrottles: SignInThrottleRepository;
  /** Every change to orders, by any process (WatchOrders resumes from it). */
  readonly orderEvents: OrderEventLog;
  /** This process's one reader of orderEvents, fanning new events out to watchers. */
  readonly orderFeed: OrderEventFeed;
  /**
   * Calls `onChange` whenever a credential may have been taken back by any process (PostgreSQL
   * NOTIFY from the triggers on sessions and api_tokens), and after the notification connection
   * came back. Never on SQLite, which has no notifications. Returns the way to stop.
   */
  watchAccessChanges(onChange: () => void): () => void;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** A value bound to a `?` placeholder. */
export type SqlArg = string | number | boolean | Date | null;

/**
 * Runs hand-written SQL (`?` placeholders) on the store's connection, outside any transaction.
 * Each provider hands values back in its own types (SQLite: dates as text, booleans as 0/1;
 * PostgreSQL: Date, boolean); the caller's row mapping accepts both.
 */
export type SqlRunner = {
  rows<Row>(sql: string, args: readonly SqlArg[]): Promise<Row[]>;
  /**
   * One write transaction: reads `read`'s rows, locked against other writers until it ends, then
   * runs the statements `decide` makes of them (`decide` may throw, which rolls it all back).
   * On SQLite it runs synchronously under BEGIN IMMEDIATE: no other writer, and nothing else of
   * this process in between (it waits for a transaction Prisma has open on the connection, so
   * as never to land inside it); on PostgreSQL the rows are read FOR UPDATE.
   */
  write<Row, Result>(
    read: SqlStatement | undefined,
    decide: (rows: Row[]) => { statements: SqlStatement[]; result: Result },
  ): Promise<Result>;
};

/** A statement as Prisma.sql builds it: SQL with `?` placeholders and its values. */
export type SqlStatement = { sql: string; values: readonly unknown[] };

// What Prisma's SQLite adapter binds for a date and a boolean, so hand-written queries compare
// with the stored text exactly as Prisma's own queries do, and write what they write.
function sqliteArg(arg: SqlArg): string | number | null {
  if (arg instanceof Date) return arg.toISOString().replace("Z", "+00:00");
  if (typeof arg === "boolean") return arg ? 1 : 0;
  return arg;
}

/**
 * SQLite: straight to better-sqlite3 with prepared statements kept by SQL text. A read through
 * Prisma's client cost about 110 µs of CPU (query building, plan interpretation, row mapping),
 * this about 4 µs. Same connection as Prisma's, so the same rows are visible (Prisma's own
 * queries outside a transaction do not wait for one either). Its own statements, apart from
 * the adapter's cache: they read numbers, not the bigints the adapter sets up.
 */
function sqliteRunner(database: Database, maxStatements = 500): SqlRunner {
  // better-sqlite3's own prepare, taken before the adapter's statement cache replaces it.
  const prepare = database.prepare.bind(database);
  const prepared = memoByText((sql) => {
    const statement = prepare(sql);
    // Plain numbers: the adapter turns the connection's default to bigints.
    if (statement.reader) statement.safeIntegers(false);
    return statement;
  }, maxStatements);
  return {
    rows<Row>(sql: string, args: readonly SqlArg[]) {
      return Promise.resolve(prepared(sql).all(args.map(sqliteArg)) as Row[]);
    },
    async write(read, decide) {
      const args = (values: readonly unknown[]) => (values as SqlArg[]).map(sqliteArg);
      // Prisma's interactive transactions (accounts, creates with a request_id) hold the one
      // connection open across awaits: joining one would tie this write to its fate.
      while (database.inTransaction) await new Promise((resume) => setImmediate(resume));
      // Synchronous from here: a throw inside (from `decide`, or SQLite's) rolls back and rejects.
      return database
        .transaction(() => {
          const rows = read ? prepared(read.sql).all(args(read.values)) : [];
          const { statements, result } = decide(rows as Parameters<typeof decide>[0]);
          for (const { sql, values } of statements) prepared(sql).run(args(values));
          return result;
        })
        .immediate();
    },
  };
}

/** PostgreSQL: the same SQL as raw queries of Prisma's (`$1`… placeholders), on its pool. */
function prismaRunner(db: Db): SqlRunner {
  const text = memoByText((sql) => {
    let index = 0;
    return sql.replace(/\?/g, () => `$${++index}`);
  });
  return {
    rows<Row>(sql: string, args: readonly SqlArg[]) {
      return db.$queryRawUnsafe<Row[]>(text(sql), ...args);
    },
    write(read, decide) {
      return db.$transaction(async (tx) => {
        const rows = read ? await tx.$queryRawUnsafe<never[]>(`${text(read.sql)} FOR UPDATE`, ...read.values) : [];
        const { statements, result } = decide(rows);
        for (const { sql, values } of statements) await tx.$executeRawUnsafe(text(sql), ...values);
        return result;
      }, transactionLimits);
    },
  };
}

type Connection = { db: Db; runner: SqlRunner };

async function connect(database: DatabaseConfig): Promise<Connection> {
  if (database.provider === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./generated/postgresql/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const adapter = new PrismaPg({ connectionString: database.url, connectionTimeoutMillis: 5_000 });
    const db = new PrismaClient({ adapter }) as unknown as Db;
    return { db, runner: prismaRunner(db) };
  }
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("./generated/sqlite/client.ts"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // fileMustExist: a file moved away must not come back as a new, empty database at its path.
  const adapter = new PrismaBetterSqlite3({ url: database.file, fileMustExist: true });
  let runner: SqlRunner | undefined;
  const db = new PrismaClient({ adapter: withStatementCache(adapter, (client) => (runner = sqliteRunner(client))) });
  // The first query opens the adapter's connection, so the runner shares it.
  for (const pragma of sqliteConnectionPragmas) await db.$queryRawUnsafe(pragma);
  return { db, runner: runner ?? prismaRunner(db) };
}

export type StoreOptions = { feed?: Partial<FeedOptions> };

// The channel the add_live_orders migration's trigger notifies on every write to "orders".
const orderEventsChannel = "order_events";
// The channel the notify_access_changes migration's triggers notify on when a session ends or
// a token is revoked or removed.
const accessChangesChannel = "access_changes";

/** Calls `poke` after each write of the repository's, so watchers hear of it at once. */
function pokingAfterWrites(orders: OrderRepository, poke: () => void): OrderRepository {
  const after =
    <Args extends unknown[], Result>(write: (...args: Args) => Promise<Result>) =>
    (...args: Args) =>
      write(...args).finally(poke);
  return {
    ...orders,
    create: after(orders.create.bind(orders)),
    update: after(orders.update.bind(orders)),
    remove: after(orders.remove.bind(orders)),
    undelete: after(orders.undelete.bind(orders)),
    batchUpdate: after(orders.batchUpdate.bind(orders)),
    removeMany: after(orders.removeMany.bind(orders)),
    restoreMany: after(orders.restoreMany.bind(orders)),
    importRows: after(orders.importRows.bind(orders)),
  };
}

/** Which file a path names now (device and inode), or undefined when nothing is there. */
function fileIdentity(file: string): string | undefined {
  try {
    const { dev, ino } = statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

/** The fault a missing SQLite file raises, so it classifies as unavailable like a lost volume. */
function fileGone(file: string): Error {
  return Object.assign(new Error(`the SQLite file ${file} is no longer there`), { code: "SQLITE_CANTOPEN" });
}

/** A store on one database. It connects on first use; a failed connect is retried on the next. */
export function createStore(database: DatabaseConfig, options: StoreOptions = {}): Store {
  let client: Promise<Db> | undefined;
  // SQLite goes on using the file it opened after that file is moved away, deleted or replaced
  // (a restore): acknowledged writes would land where no restart finds them. So every use
  // checks that the path still names the opened file; if not, the connection is closed, calls
  // fail as unavailable, and the next use after the file is back opens it again.
  let opened: string | undefined;
  const runners = new WeakMap<Db, SqlRunner>();
  const open = async () => {
    if (database.provider === "sqlite") {
      // Taken before opening, so calls made while the connection opens compare equal.
      opened = fileIdentity(database.file);
      // A missing file would be opened lazily, on the first query: one that ran just as the file
      // came back would succeed on a connection every later use then closes as another file's.
      if (opened === undefined) throw fileGone(database.file);
    }
    const { db, runner } = await connect(database);
    runners.set(db, runner);
    return db;
  };
  const runnerOf = (db: Db) => runners.get(db) ?? prismaRunner(db);
  const connected = () => {
    if (client && database.provider === "sqlite" && fileIdentity(database.file) !== opened) {
      void disconnect();
      return Promise.reject(fileGone(database.file));
    }
    client ??= open().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
  async function disconnect() {
    const current = client;
    client = undefined;
    if (current) await (await current.catch(() => undefined))?.$disconnect();
  }
  const notifications =
    database.provider === "postgresql"
      ? createNotificationHub((onNotify) =>
          listenForNotifications({
            url: database.url,
            channels: [orderEventsChannel, accessChangesChannel],
            onNotify,
            onError: (error) =>
              appLogger().warn({ err: error }, "database notifications: LISTEN connection lost; reconnecting"),
          }),
        )
      : undefined;
  const orderEvents = createOrderEventLog(connected);
  const orderFeed = createOrderEventFeed(orderEvents, {
    ...config.watch,
    onError: (error, during) => appLogger().warn({ err: error }, `order event feed: ${during} failed`),
    ...(notifications && { listen: (wake) => ({ close: notifications.subscribe(orderEventsChannel, wake) }) }),
    ...options.feed,
  });
  return {
    provider: database.provider,
    orders: pokingAfterWrites(
      createOrderRepository(connected, database.provider, runnerOf, config.deletedRetentionMs),
      () => orderFeed.poke(),
    ),
    orderHistory: createOrderHistoryRepository(connected),
    orderEvents,
    orderFeed,
    watchAccessChanges(onChange) {
      const stop = notifications?.subscribe(accessChangesChannel, onChange);
      return () => void stop?.();
    },
    accounts: createAccountRepository(connected),
    sessions: createSessionRepository(connected),
    apiTokens: createApiTokenRepository(connected),
    signInThrottles: createSignInThrottleRepository(connected),
    async ping() {
      await (await connected()).$queryRawUnsafe("SELECT 1");
    },
    async close() {
      await orderFeed.close();
      await notifications?.close();
      await disconnect();
    },
  };
}

// Cached on globalThis: Next's dev reloads and its separate bundles (the API route and the
// gRPC listener started from instrumentation) must share one store and one connection pool.
const cache = globalThis as typeof globalThis & { ordersStore?: Store };

/** The process's one store, on the database the configuration names. */
export function appStore(): Store {
  return (cache.ordersStore ??= createStore(config.database));
}
