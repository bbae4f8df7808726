import { getHeapStatistics, setFlagsFromString } from "node:v8";

// Heap limits from here up already let the old space grow 2–4× between full collections.
const largeHeapBytes = 1024 * 1024 * 1024;

/**
 * V8 chooses how far the old space may grow between mark-compacts from the heap limit: under
 * `npm start`'s `--max-old-space-size=384` at most about 1.35× what survived the last one,
 * against up to 4× with the default limit. With Next's 60–70 MB live heap, the short-lived
 * objects of calls in flight that scavenges promote then brought a mark-compact every 300 ms
 * under load (13 in 4 s of ReadOrder at 16 callers), 25–50 % more CPU per call than the same
 * server without the limit. Growing 1.5× leaves 8 in the same load (2×: 3); the price is RSS,
 * 449 MB after the whole `npm run bench` against 395 MB without it (1.75×: 471 MB). The limit
 * itself stays: V8 never grows past it, and collects harder near it. Set at start-up: V8 reads
 * the factor at every collection. Nothing to do under large limits, which grow up to 4× alone.
 */
export function growHeapAsLargeLimitsDo(): void {
  if (getHeapStatistics().heap_size_limit >= largeHeapBytes) return;
  setFlagsFromString("--heap-growing-percent=50");
}
