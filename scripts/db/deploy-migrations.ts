import { setTimeout as sleep } from "node:timers/promises";
import type { DatabaseConfig } from "../../server/config.js";
import { backfillNameKeys } from "./backfill-name-keys";
import { describeLockHolders } from "./lock-holders";
import {
  applyMigrations,
  finishedMigrations,
  postgresConnectTimeoutMs,
  providerPaths,
  readMigrationList,
} from "./migrations";

/** A migration run that could not finish; the message is one line an operator can act on. */
export class MigrationFailed extends Error {
  name = "MigrationFailed";
}

export type DeployOptions = {
  /** How long to keep retrying while another process holds the database. */
  lockWaitMs: number;
  /** Progress lines (waiting for the lock), for the console. */
  report: (line: string) => void;
};

export type DeployResult = { pending: string[]; applied: string[] };

const retryEveryMs = 1_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What went wrong, minus the engine's WebAssembly stack. The adapter reports SQLITE_BUSY as
 * kind `SocketTimeout`, which this engine build cannot deserialize ("unknown variant"), and a
 * PostgreSQL migration that could not get Prisma's advisory lock times out: both mean busy.
 */
export function engineFailure(error: unknown): { busy: boolean; cause: string } {
  const message = messageOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (/unknown variant `SocketTimeout`|advisory lock|database is locked/i.test(message) || code === "SQLITE_BUSY") {
    return { busy: true, cause: "the database is locked by another process" };
  }
  if (/connection timeout|timeout expired/i.test(message)) {
    return { busy: false, cause: `no answer within ${postgresConnectTimeoutMs / 1000} s (${message})` };
  }
  const firstLine = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
  return {
    busy: false,
    cause: firstLine.replace(/^Error in the underlying connector \(WASM_ERROR\): (Error: )?/, "").trim(),
  };
}

function where(database: DatabaseConfig): string {
  if (database.provider === "sqlite") return database.file;
  const url = new URL(database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Committed migrations the database has not finished, read without opening the schema engine. */
export async function pendingMigrations(database: DatabaseConfig): Promise<string[]> {
  const committed = await readMigrationList(providerPaths[database.provider].migrations);
  const finished = new Set(await finishedMigrations(database));
  return committed.migrationDirectories.map((directory) => directory.path).filter((name) => !finished.has(name));
}

/**
 * `prisma migrate deploy`, safe beside running servers: it reads the applied list first and
 * returns without touching the schema engine (which locks a SQLite file exclusively) when
 * nothing is pending; otherwise it retries while the database is locked, for at most
 * `lockWaitMs`, and then fails naming what holds it. Every failure is a MigrationFailed.
 */
export async function deployMigrations(
  database: DatabaseConfig,
  { lockWaitMs, report }: DeployOptions,
): Promise<DeployResult> {
  const deadline = Date.now() + lockWaitMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const pending = await pendingMigrations(database);
      const applied = pending.length === 0 ? [] : await applyMigrations(database);
      await backfillNameKeys(database);
      return { pending, applied };
    } catch (error) {
      const { busy, cause } = engineFailure(error);
      if (!busy) throw new MigrationFailed(`cannot migrate ${where(database)}: ${cause}`, { cause: error });
      const left = deadline - Date.now();
      if (attempt === 1)
        report(`${where(database)} is locked by another process; waiting up to ${Math.round(lockWaitMs / 1000)} s`);
      if (left <= 0) {
        throw new MigrationFailed(
          `${where(database)} stayed locked for ${Math.round(lockWaitMs / 1000)} s; held by ${await describeLockHolders(database)}`,
          { cause: error },
        );
      }
      if (attempt > 1)
        report(`still locked after attempt ${attempt}; retrying for up to ${Math.ceil(left / 1000)} s more`);
      await sleep(Math.min(retryEveryMs, left));
    }
  }
}
