import { readFile, rm, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

/** What a server's V8 did over one load (bench/load/gc-probe.mjs). */
export type GcWindow = {
  allocatedBytes: number;
  gcMs: number;
  collections: number;
  /** The old space's share: mark-compacts and incremental marking steps. */
  majorMs: number;
  majors: number;
  /** Full collections (MarkSweepCompact), each marking the whole live heap. */
  markCompacts: number;
  /** Bytes the young generation's collections moved to old space, garbage only a mark-compact frees. */
  promotedBytes: number;
  cpuMs: number;
  /** process.memoryUsage() when the window closed. */
  memory: NodeJS.MemoryUsage;
};

/** A server process running the GC probe, writing to `file`. */
export type ProbedProcess = { pid: number; file: string };

/**
 * Runs `load` between two SIGUSR2 to the probed process (its leader only: SIGUSR2 would end
 * any process of the group without the probe), and returns the load's result with the window.
 */
export async function withGcWindow<T>(probed: ProbedProcess, load: () => Promise<T>): Promise<[T, GcWindow]> {
  await rm(probed.file, { force: true });
  process.kill(probed.pid, "SIGUSR2");
  try {
    return [await load(), await readWindow(probed)];
  } catch (error) {
    process.kill(probed.pid, "SIGUSR2"); // close the window, so the next one starts afresh
    throw error;
  }
}

async function readWindow(probed: ProbedProcess): Promise<GcWindow> {
  process.kill(probed.pid, "SIGUSR2");
  for (let waited = 0; waited < 10_000; waited += 20) {
    const written = await stat(probed.file).then(
      () => true,
      () => false,
    );
    if (written) return JSON.parse(await readFile(probed.file, "utf8")) as GcWindow;
    await sleep(20);
  }
  throw new Error(`no GC window from process ${probed.pid} (${probed.file})`);
}
