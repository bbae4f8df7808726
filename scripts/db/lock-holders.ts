import { readdir, readFile, readlink } from "node:fs/promises";
import { basename } from "node:path";
import type { DatabaseConfig } from "../../server/config.js";

/** The key Prisma's schema engine takes with pg_advisory_lock while it migrates PostgreSQL. */
export const prismaAdvisoryLockKey = 72707369;

// Processes with the SQLite file (or its WAL/shared-memory files) open, found through /proc:
// SQLite itself cannot say who holds a lock, and `fuser`/`lsof` are not on every machine.
async function sqliteHolders(file: string): Promise<string[]> {
  const targets = new Set([file, `${file}-wal`, `${file}-shm`]);
  const pids = (await readdir("/proc").catch(() => [])).filter(
    (name) => /^\d+$/.test(name) && Number(name) !== process.pid,
  );
  const holders: string[] = [];
  await Promise.all(
    pids.map(async (pid) => {
      const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
      for (const fd of fds) {
        const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
        if (!targets.has(target)) continue;
        const cmdline = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean);
        const command = cmdline
          .map((part) => basename(part))
          .join(" ")
          .slice(0, 120);
        holders.push(`pid ${pid} (${command || "unknown"})`);
        return;
      }
    }),
  );
  return holders;
}

async function postgresHolders(url: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{
      pid: number;
      application_name: string;
      client: string | null;
      since: string;
    }>(
      `SELECT a.pid, a.application_name, host(a.client_addr) AS client, a.backend_start::text AS since
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1`,
      [prismaAdvisoryLockKey],
    );
    return rows.map(
      (row) =>
        `backend ${row.pid} (${row.application_name || "no application name"} from ${row.client ?? "a local socket"}, connected ${row.since})`,
    );
  } finally {
    await client.end();
  }
}

/**
 * Who holds the database the migrator is waiting for, in words for one log line; Linux
 * `/proc` for a SQLite file, `pg_locks` for PostgreSQL's migration lock.
 */
export async function describeLockHolders(database: DatabaseConfig): Promise<string> {
  const holders = await (
    database.provider === "sqlite" ? sqliteHolders(database.file) : postgresHolders(database.url)
  ).catch((error: unknown) => [`unknown (${error instanceof Error ? error.message : String(error)})`]);
  return holders.length > 0 ? holders.join(", ") : "no process found (it may have just let go)";
}
