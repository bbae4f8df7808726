import type { Database, Statement } from "better-sqlite3";
import type { Db } from "../orders/order-repository";

/** A value bound to a `?` placeholder. */
export type SqlArg = string | number | boolean | Date;

/**
 * Runs hand-written SQL (`?` placeholders) on the store's connection, outside any transaction.
 * Each provider hands values back in its own types (SQLite: dates as text, booleans as 0/1;
 * PostgreSQL: Date, boolean); the caller's row mapping accepts both.
 */
export type SqlRunner = {
  rows<Row>(sql: string, args: readonly SqlArg[]): Promise<Row[]>;
  /** Runs a statement that returns no rows; answers how many rows it changed. */
  run(sql: string, args: readonly SqlArg[]): Promise<number>;
};

// What Prisma's SQLite adapter binds for a date and a boolean, so hand-written queries compare
// with the stored text exactly as Prisma's own queries do, and write what they write.
function sqliteArg(arg: SqlArg): string | number {
  if (arg instanceof Date) return arg.toISOString().replace("Z", "+00:00");
  if (typeof arg === "boolean") return arg ? 1 : 0;
  return arg;
}

/**
 * SQLite: straight to better-sqlite3 with prepared statements kept by SQL text. A read through
 * Prisma's client cost about 110 µs of CPU (query building, plan interpretation, row mapping),
 * this about 4 µs. Same connection as Prisma's, so the same rows are visible (Prisma's own
 * queries outside a transaction do not wait for one either). The SQL comes from a few
 * builders; an insert's text grows with its group, so the oldest statement leaves past
 * `maxStatements`.
 */
export function sqliteRunner(database: Database, maxStatements = 500): SqlRunner {
  const prepare = database.prepare.bind(database);
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      // Plain numbers: the adapter turns the connection's default to bigints.
      if (statement.reader) statement.safeIntegers(false);
      if (statements.size >= maxStatements) statements.delete(statements.keys().next().value!);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    rows<Row>(sql: string, args: readonly SqlArg[]) {
      return Promise.resolve(prepared(sql).all(args.map(sqliteArg)) as Row[]);
    },
    run(sql: string, args: readonly SqlArg[]) {
      return Promise.resolve(prepared(sql).run(args.map(sqliteArg)).changes);
    },
  };
}

/** PostgreSQL: the same SQL as raw queries of Prisma's (`$1`… placeholders), on its pool. */
export function prismaRunner(db: Db): SqlRunner {
  const numbered = new Map<string, string>();
  const text = (sql: string) => {
    let result = numbered.get(sql);
    if (result === undefined) {
      let index = 0;
      result = sql.replace(/\?/g, () => `$${++index}`);
      // Bounded like SQLite's statements: an insert's text grows with its group.
      if (numbered.size >= 500) numbered.delete(numbered.keys().next().value!);
      numbered.set(sql, result);
    }
    return result;
  };
  return {
    rows<Row>(sql: string, args: readonly SqlArg[]) {
      return db.$queryRawUnsafe<Row[]>(text(sql), ...args);
    },
    run(sql: string, args: readonly SqlArg[]) {
      return db.$executeRawUnsafe(text(sql), ...args);
    },
  };
}
