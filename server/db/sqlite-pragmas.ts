/**
 * Connection settings for the embedded database.
 * WAL lets readers run during a write; synchronous=NORMAL syncs at checkpoints instead of on
 * every commit, which keeps committed orders across a process crash (not across power loss)
 * at roughly ten times the write rate of Prisma's default FULL sync. busy_timeout lets a
 * second process (the migrator, a script) wait for the lock instead of failing at once.
 */
export const sqlitePragmas = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA busy_timeout = 5000",
] as const;
