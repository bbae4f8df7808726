// One line per missed target in `npm run bench`, with the figure that accounts for the gap,
// measured in the same run (GC probe, /proc). The profiles behind them are in
// docs/performance.md, section "Issue 25".
import type { GcWindow } from "./gc-window";

/** A measured row: its CPU per call, the calls answered and, for Node servers, its GC window. */
export type Measured = { cpuMs: number; requests: number; gc?: GcWindow };

const perCall = (row: Measured, value: (gc: GcWindow) => number) =>
  row.gc ? value(row.gc) / Math.max(1, row.requests) : NaN;
const gcMs = (row: Measured) => perCall(row, (gc) => gc.gcMs);
const markCompactsPer1k = (row: Measured) => 1000 * perCall(row, (gc) => gc.markCompacts);
const promotedKB = (row: Measured) => perCall(row, (gc) => gc.promotedBytes / 1024);
const heapMiB = (row: Measured) => (row.gc ? row.gc.memory.heapUsed / 2 ** 20 : NaN);

/**
 * Where the app's extra CPU per gRPC call goes: the share its GC pauses take of the gap, and what
 * drives them (mark-compacts per 1,000 calls, bytes promoted per call, heap in use).
 */
export function grpcGap(app: Measured, bare: Measured): string {
  const gap = app.cpuMs - bare.cpuMs;
  const gcGap = gcMs(app) - gcMs(bare);
  return (
    `+${gap.toFixed(3)} ms/call over bare, of which GC pauses ${gcGap.toFixed(3)} ms (${((100 * gcGap) / gap).toFixed(0)} %); ` +
    `mark-compacts per 1,000 calls ${markCompactsPer1k(app).toFixed(1)} vs ${markCompactsPer1k(bare).toFixed(1)}, heap in use ` +
    `at the end ${heapMiB(app).toFixed(0)} vs ${heapMiB(bare).toFixed(0)} MiB; the rest is the same Connect and HTTP/2 code ` +
    `plus the app's own (log line, credential, file check): profile in docs/performance.md, "Issue 25"`
  );
}

/** What the old-space limit changes: how often the whole heap is marked, and the GC pauses. */
export function heapLimitGap(limited: Measured, unlimited: Measured): string {
  const oldSpaceMs = (row: Measured) => perCall(row, (gc) => gc.majorMs);
  return (
    `mark-compacts per 1,000 calls ${markCompactsPer1k(limited).toFixed(1)} with the limit vs ${markCompactsPer1k(unlimited).toFixed(1)} without; ` +
    `GC pauses ${gcMs(limited).toFixed(3)} vs ${gcMs(unlimited).toFixed(3)} ms/call (old space ${oldSpaceMs(limited).toFixed(3)} vs ` +
    `${oldSpaceMs(unlimited).toFixed(3)}); ${promotedKB(limited).toFixed(0)} KB/call promoted. The twins differ only in their old-space ` +
    `settings, so a gap beyond GC is the machine's noise between their turns (docs/performance.md, "Issue 25")`
  );
}

/** Where the app's resident memory is after the load. */
export function rssParts(
  rssMiB: number,
  memory: NodeJS.MemoryUsage | undefined,
  resident: { anonymousMiB: number; fileMiB: number } | undefined,
): string {
  if (!memory || !resident) return "";
  const mib = (bytes: number) => bytes / 2 ** 20;
  const native = resident.anonymousMiB - mib(memory.heapTotal) - mib(memory.external);
  return (
    `${rssMiB.toFixed(0)} MiB = V8 heap ${mib(memory.heapTotal).toFixed(0)} (${mib(memory.heapUsed).toFixed(0)} in use) + ` +
    `Buffers and other external ${mib(memory.external).toFixed(0)} + other anonymous memory (malloc: SQLite, HTTP/2, ` +
    `V8's compiler and GC threads) ${native.toFixed(0)} + file-backed code ${resident.fileMiB.toFixed(0)}`
  );
}

/**
 * Why a read over /api costs more than twice the bare HTTP/1.1 server's: the cheapest answer the
 * route gives (the ceiling row, refused before any database work) already costs that much.
 */
export function explainApiGap(app: Measured, bare: Measured, ceiling: Measured | undefined): string {
  const floor = ceiling
    ? `the cheapest answer /api gives (ceiling row, no database work) costs ${ceiling.cpuMs.toFixed(3)} ms, ` +
      `${(ceiling.cpuMs / bare.cpuMs).toFixed(1)}× the bare server's whole call; `
    : "";
  return `${floor}${app.cpuMs.toFixed(3)} vs ${bare.cpuMs.toFixed(3)} ms: Next's request pipeline before the route (profile in docs/performance.md, "Issue 25")`;
}
