/**
 * What a database error means for the caller. Prisma reports the same fault in several shapes
 * (its own P-codes, the driver adapter's `kind`, the driver's SQLSTATE or SQLite code, a Node
 * socket error), so every code found on the error and its causes is considered.
 */
export type StoreFault = "unavailable" | "conflict" | "duplicate" | "internal";

// Faults of the connection that retrying later can cure: the database is down, restarting,
// unreachable, overloaded or locked by another process.
const unavailable = new Set([
  // Prisma: can't reach, timed out, server closed the connection, pool timeout.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Driver adapter kinds.
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
  // PostgreSQL SQLSTATE: admin/crash shutdown, cannot connect now, too many connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // SQLite: locked, cannot open the file, I/O error, disk full.
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const conflict = new Set(["P2034", "TransactionWriteConflict", "40001", "40P01"]);
const duplicate = new Set([
  "P2002",
  "UniqueConstraintViolation",
  "23505",
  "SQLITE_CONSTRAINT_PRIMARYKEY",
  "SQLITE_CONSTRAINT_UNIQUE",
]);
// pg's own messages when a connection dies or never completes, which carry no code.
const connectionMessage =
  /Connection terminated|timeout expired|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i;

function codesOf(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== "object" || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as Record<string, unknown>;
  const own = ["code", "kind", "originalCode"].map((key) => record[key]).filter((value) => typeof value === "string");
  // SQLSTATE class 08 is "connection exception" as a whole.
  const sqlstate = own.some((code) => /^08[0-9A-Z]{3}$/.test(code)) ? ["ECONNRESET"] : [];
  const meta = record.meta as Record<string, unknown> | undefined;
  return [...own, ...sqlstate, ...codesOf(record.cause, seen), ...codesOf(meta?.driverAdapterError, seen)];
}

function messagesOf(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 4) return "";
  return `${error.message}\n${messagesOf(error.cause, depth + 1)}`;
}

/** Classifies a database error: only connection faults and timeouts are worth a retry. */
export function classifyStoreFault(error: unknown): StoreFault {
  const codes = codesOf(error);
  if (codes.some((code) => unavailable.has(code)) || connectionMessage.test(messagesOf(error))) return "unavailable";
  if (codes.some((code) => conflict.has(code))) return "conflict";
  if (codes.some((code) => duplicate.has(code))) return "duplicate";
  return "internal";
}
