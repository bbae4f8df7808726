// Preloaded into a benchmarked server (`node --import ./bench/load/gc-probe.mjs`): the first
// SIGUSR2 starts a window, the next one ends it and writes what V8 saw in between to
// GC_PROBE_FILE (JSON, written whole by a rename). Plain JavaScript, so it loads in `next start`
// as in a tsx process. Bytes allocated = growth of the used heap + what each collection freed
// (V8's GCProfiler gives the used heap before and after every GC); Buffers' external memory is
// not in it. GC time is the main thread's pause time V8 reports per collection.
import { renameSync, writeFileSync } from "node:fs";
import { GCProfiler, getHeapStatistics } from "node:v8";

const file = process.env.GC_PROBE_FILE;
let window;

if (file) {
  process.on("SIGUSR2", () => {
    if (!window) {
      const profiler = new GCProfiler();
      profiler.start();
      window = { profiler, cpu: process.cpuUsage(), used: getHeapStatistics().used_heap_size };
      return;
    }
    const { profiler, cpu, used } = window;
    window = undefined;
    const usedNow = getHeapStatistics().used_heap_size;
    const cpuSpent = process.cpuUsage(cpu);
    const { statistics } = profiler.stop();
    let freed = 0;
    let gcUs = 0;
    let majorUs = 0;
    let majors = 0;
    let markCompacts = 0;
    let promoted = 0;
    const oldSpaceUsed = (stats) =>
      stats.heapSpaceStatistics.find((space) => space.spaceName === "old_space")?.spaceUsedSize ?? 0;
    for (const gc of statistics) {
      if (gc.gcType === "MarkSweepCompact") markCompacts += 1;
      // What a young-generation collection moved into old space: it stays until a mark-compact.
      if (gc.gcType === "Scavenge" || gc.gcType === "MinorMarkSweep")
        promoted += oldSpaceUsed(gc.afterGC) - oldSpaceUsed(gc.beforeGC);
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
      gcUs += gc.cost;
      // Everything but the young generation's collections: marking and compacting the old space.
      if (gc.gcType !== "Scavenge" && gc.gcType !== "MinorMarkSweep") {
        majorUs += gc.cost;
        majors += 1;
      }
    }
    const result = {
      allocatedBytes: usedNow - used + freed,
      gcMs: gcUs / 1000,
      collections: statistics.length,
      majorMs: majorUs / 1000,
      majors,
      markCompacts,
      promotedBytes: promoted,
      cpuMs: (cpuSpent.user + cpuSpent.system) / 1000,
      heapUsedBytes: usedNow,
      // Where the process's resident memory is when the window closes (bytes).
      memory: process.memoryUsage(),
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(result));
    renameSync(`${file}.tmp`, file);
  });
}
