import { config } from "../config.js";

/**
 * Per-connection settings for the embedded database, set by the app's client. busy_timeout
 * lets a second process (the migrator, a script) wait for the lock instead of failing at
 * once; synchronous=NORMAL (safe in WAL mode) syncs at checkpoints instead of on every
 * commit: committed orders survive a process crash, not a power loss, at roughly ten times
 * the write rate of Prisma's default FULL sync. SQLITE_SYNCHRONOUS=FULL syncs every commit,
 * for deployments that must survive a power loss too.
 */
export const sqliteConnectionPragmas = [
  "PRAGMA busy_timeout = 5000",
  `PRAGMA synchronous = ${config.sqliteSynchronous}`,
] as const;

/**
 * Stored in the file itself, so it is set once by the migrator, which opens the file before
 * anything else does (the switch needs the only connection). WAL lets readers run during a write.
 */
export const sqliteJournalMode = "journal_mode = WAL";
