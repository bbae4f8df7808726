import { execFile } from "node:child_process";
import { chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A PostgreSQL server of a test's own, which it may stop and start at will. */
export type PostgresCluster = {
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  remove: () => Promise<void>;
};

async function binDir(): Promise<string | undefined> {
  const versions = await readdir("/usr/lib/postgresql").catch(() => []);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? `/usr/lib/postgresql/${newest}/bin` : undefined;
}

/** Why no cluster can be made here, or undefined when one can. */
export async function postgresClusterUnavailable(): Promise<string | undefined> {
  if (!(await binDir())) return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin";
  return undefined;
}

/**
 * initdb + pg_ctl in a temporary folder, on a port of its own, so stopping it never touches the
 * shared server. As root the tools run as the `postgres` user (PostgreSQL refuses root).
 */
export async function createPostgresCluster(): Promise<PostgresCluster> {
  const bin = (await binDir())!;
  const dir = await mkdtemp(join(tmpdir(), "orders-pg-"));
  const asRoot = process.getuid?.() === 0;
  const tool = (name: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, name), ...args]) : run(join(bin, name), args);
  if (asRoot) {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    await chown(dir, Number(uid.stdout), Number(gid.stdout));
  }
  const data = join(dir, "data");
  await tool("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  let port = 0;
  const start = () =>
    tool("pg_ctl", [
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-w",
      "-t",
      "30",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]).then(() => undefined);
  // PostgreSQL cannot bind port 0 and report it, so try ports until one binds: each attempt is
  // the bind itself, with no gap in which another process could take a port chosen earlier.
  for (let attempt = 0; ; attempt += 1) {
    port = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop: () => tool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).then(() => undefined),
    remove: async () => {
      await tool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
