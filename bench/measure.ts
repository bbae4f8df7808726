/** Latency and throughput of `count` calls with `concurrency` in flight. */
export type Figures = { calls: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number };

export async function measure(
  count: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { calls: count, seconds, perSecond: count / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** Prints one table row per measurement. */
export function printTable(rows: [string, Figures][]): void {
  console.table(
    Object.fromEntries(
      rows.map(([name, f]) => [
        name,
        {
          calls: f.calls,
          "req/s": Math.round(f.perSecond),
          "p50 ms": f.p50Ms.toFixed(2),
          "p99 ms": f.p99Ms.toFixed(2),
        },
      ]),
    ),
  );
}
