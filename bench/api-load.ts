// npm run bench -- --parts api [--seconds 2 --rounds 3 --callers 16 --orders 10000 --methods CreateOrder,ReadOrder,ListOrders
//                  --protocols gRPC,"Connect GET" --heap-limit-check off --synchronous NORMAL|FULL]
// One table: CreateOrder, ReadOrder and ListOrders(50) through `next start` (Connect JSON,
// Connect binary, Connect GET and gRPC-Web over HTTP/1.1 with wrk; gRPC on its HTTP/2 port with a
// Node client reusing connections), beside the Python peer and the bare servers of this stack
// (HTTP/2 for gRPC, HTTP/1.1 for the browser's protocols) in the same run, and the app again
// without its heap limit; per row the server's CPU and bytes allocated per call and the GC's
// share of its CPU. Then the framework ceiling and server RSS, and the API's targets saved for
// the table of every target that `npm run bench` prints (bench/run.ts). Needs a production
// build (NEXT_DIST_DIR).
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { startNextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { ceilingRequest, connectGetQuery, readOnly, requestFor } from "./load/bench-cases";
import type { EncodedRequest, Method, Protocol } from "./load/bench-cases";
import { withGcWindow } from "./load/gc-window";
import type { GcWindow, ProbedProcess } from "./load/gc-window";
import { h2Load } from "./load/h2-load";
import type { LoadResult } from "./load/load-result";
import { explainApiGap, grpcGap, heapLimitGap, rssParts } from "./load/explain-misses";
import { groupCpuSeconds, groupRssMiB, residentParts } from "./load/process-stats";
import { gcProbe, startBareHttp1Server, startBareServer, startPythonPeer } from "./load/servers";
import type { Synchronous } from "./load/servers";
import { saveChecks } from "./load/target-checks";
import type { TargetCheck } from "./load/target-checks";
import { wrkLoad } from "./load/wrk-load";

const allProtocols: Protocol[] = ["gRPC", "Connect JSON", "Connect binary", "Connect GET", "gRPC-Web"];
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "2" },
    // Each row is measured this many times, the servers taking turns; the round with the least
    // CPU per request is kept, as the one least disturbed by whatever else shares the machine.
    rounds: { type: "string", default: "3" },
    callers: { type: "string", default: "16" },
    orders: { type: "string", default: "10000" },
    methods: { type: "string", default: "CreateOrder,ReadOrder,ListOrders" },
    protocols: { type: "string", default: allProtocols.join(",") },
    // The app a second time, without the shipped 384 MB old-space limit (gRPC only): what the limit costs.
    "heap-limit-check": { type: "string", default: "on" },
    // Every server alike: FULL syncs each commit to disk, so commits per second, not CPU, bound writes.
    synchronous: { type: "string", default: "NORMAL" },
  },
});
const seconds = Number(values.seconds);
const rounds = Math.max(1, Number(values.rounds));
const callerCounts = values.callers.split(",").map(Number);
const methods = values.methods.split(",") as Method[];
const protocols = values.protocols.split(",") as Protocol[];
const http1Protocols = protocols.filter((p): p is Exclude<Protocol, "gRPC"> => p !== "gRPC");
const heapLimitCheck = values["heap-limit-check"] !== "off";
const synchronous: Synchronous = values.synchronous === "FULL" ? "FULL" : "NORMAL";

const targets = {
  peer: "python peer",
  bare: "bare server",
  bareHttp1: "bare HTTP/1.1",
  app: "app",
  unlimited: "app, no heap limit",
  ceiling: "app ceiling",
} as const;
type Target = (typeof targets)[keyof typeof targets];
type Row = LoadResult & {
  target: Target;
  method: string;
  protocol: Protocol;
  callers: number;
  cpuMs: number;
  gc?: GcWindow;
};
const rows: Row[] = [];
const peakRss = new Map<string, number>();
// Each probed server's process.memoryUsage() at the end of its latest load: where its RSS is.
const lastMemory = new Map<Target, NodeJS.MemoryUsage>();

/** Runs one load against a server process group, with its CPU time, peak memory and, if probed, its GC window. */
async function measured(
  target: Target,
  server: { pid: number; probe?: ProbedProcess },
  label: Pick<Row, "method" | "protocol" | "callers">,
  load: () => Promise<LoadResult>,
) {
  const cpuBefore = groupCpuSeconds(server.pid);
  const sampler = setInterval(
    () => peakRss.set(target, Math.max(peakRss.get(target) ?? 0, groupRssMiB(server.pid))),
    250,
  );
  const [result, gc] = await (
    server.probe ? withGcWindow(server.probe, load) : load().then((r) => [r, undefined] as const)
  ).finally(() => clearInterval(sampler));
  const cpuMs = ((groupCpuSeconds(server.pid) - cpuBefore) * 1000) / Math.max(1, result.requests);
  if (gc) lastMemory.set(target, gc.memory);
  process.stderr.write(
    `${target} ${label.method} ${label.protocol} ×${label.callers}: ${Math.round(result.perSecond)} req/s, ${cpuMs.toFixed(3)} CPU ms/req\n`,
  );
  return { target, ...label, ...result, cpuMs, gc };
}

/** Keeps, of a row's rounds, the one with the least CPU per request. */
function keepLeastDisturbed(measuredRounds: Row[][]): void {
  for (let i = 0; i < measuredRounds[0]!.length; i++) {
    rows.push(measuredRounds.map((round) => round[i]!).reduce((best, row) => (row.cpuMs < best.cpuMs ? row : best)));
  }
}

async function seedSqlite(file: string, count: number) {
  const writer = await openSeedWriter({ provider: "sqlite", file });
  await writer.write(seedRows(count, seededRandom(1)));
  await writer.close();
}

const firstUuid = (file: string) => {
  const db = new Database(file, { readonly: true });
  const row = db.prepare<[], { uuid: string }>("SELECT uuid FROM orders LIMIT 1").get();
  db.close();
  return row!.uuid;
};

// The V8 default old-space limit on this machine: "no heap limit" is this, given after the shipped one.
const defaultHeapMiB = Math.round(
  Number(
    execFileSync(process.execPath, ["-p", "v8.getHeapStatistics().heap_size_limit"], {
      env: { ...process.env, NODE_OPTIONS: "" },
    }),
  ) /
    2 ** 20,
);

const orders = Number(values.orders);
const [appDb, unlimitedDb, bareDb, bareHttp1Db, peerDir] = await Promise.all([
  createSqliteDatabase(),
  createSqliteDatabase(),
  createSqliteDatabase(),
  createSqliteDatabase(),
  mkdtemp(join(tmpdir(), "orders-peer-")),
]);
await Promise.all([appDb, unlimitedDb, bareDb, bareHttp1Db].map((db) => seedSqlite(db.file, orders)));
const peerFile = join(peerDir, "peer.db");
const probeFile = (name: string) => join(peerDir, `${name}.gc.json`);
const appServer = (name: string, databaseUrl: string, heap?: { nodeOptions: string; nodeArgs: string[] }) => {
  const probe = gcProbe(probeFile(name));
  return startNextServer({
    databaseUrl,
    nodeArgs: [...probe.nodeArgs, ...(heap?.nodeArgs ?? [])],
    env: {
      SQLITE_SYNCHRONOUS: synchronous,
      ...probe.env,
      ...(heap && { NODE_OPTIONS: heap.nodeOptions }),
    },
  });
};
// V8's own old-space limit and growth between mark-compacts (0: its heuristic), given after the
// shipped settings; the semi-spaces stay as shipped.
const v8OwnOldSpace = { nodeOptions: `--max-old-space-size=${defaultHeapMiB}`, nodeArgs: ["--heap-growing-percent=0"] };
const starting = [
  appServer("app", appDb.url),
  heapLimitCheck ? appServer("unlimited", unlimitedDb.url, v8OwnOldSpace) : Promise.resolve(undefined),
  startBareServer(bareDb.file, synchronous, probeFile("bare")),
  startBareHttp1Server(bareHttp1Db.file, synchronous, probeFile("bare-http1")),
  startPythonPeer(peerFile, synchronous),
] as const;
// One that fails to start must not leave the others running (each has a process group of its own).
const started = await Promise.allSettled(starting);
if (started.some((result) => result.status === "rejected")) {
  await Promise.all(
    started.map((result) => (result.status === "fulfilled" && result.value ? result.value.stop() : Promise.resolve())),
  );
  throw (started.find((result) => result.status === "rejected") as PromiseRejectedResult).reason;
}
const [app, unlimited, bare, bareHttp1, peer] = await Promise.all(starting);
try {
  // The peer made its own table; the same orders go in, in its columns.
  const peerDb = new Database(peerFile);
  const insert = peerDb.prepare(
    "INSERT INTO orders (uuid, name, completed, date, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?)",
  );
  peerDb.transaction(() => {
    for (const row of seedRows(orders, seededRandom(1))) {
      insert.run(
        row.uuid,
        row.name,
        row.completed ? 1 : 0,
        row.date.toISOString(),
        row.createTime.toISOString(),
        row.createTime.toISOString(),
      );
    }
  })();
  peerDb.close();
  const restingRss = { app: groupRssMiB(app.pid), bare: groupRssMiB(bare.pid), peer: groupRssMiB(peer.pid) };
  const uuids = {
    app: firstUuid(appDb.file),
    unlimited: firstUuid(unlimitedDb.file),
    bare: firstUuid(bareDb.file),
    bareHttp1: firstUuid(bareHttp1Db.file),
    peer: firstUuid(peerFile),
  };
  const servers = {
    [targets.peer]: { pid: peer.pid },
    [targets.bare]: { pid: bare.pid, probe: { pid: bare.pid, file: probeFile("bare") } },
    [targets.bareHttp1]: { pid: bareHttp1.pid, probe: { pid: bareHttp1.pid, file: probeFile("bare-http1") } },
    [targets.app]: { pid: app.pid, probe: { pid: app.pid, file: probeFile("app") } },
    [targets.ceiling]: { pid: app.pid, probe: { pid: app.pid, file: probeFile("app") } },
    [targets.unlimited]: unlimited && {
      pid: unlimited.pid,
      probe: { pid: unlimited.pid, file: probeFile("unlimited") },
    },
  };

  // The app needs a credential (the bare servers and the peer ignore it), as any caller does.
  const auth = { "rpc-auth": app.token };
  const grpc = (url: string, token: string, method: Method, request: EncodedRequest, callers: number) => () =>
    h2Load({
      url,
      path: `/order.OrderService/${method}`,
      body: request.binary,
      callers,
      seconds,
      headers: { "rpc-auth": token },
    });
  const http1 =
    (base: string, protocol: Exclude<Protocol, "gRPC">, method: string, request: EncodedRequest, callers: number) =>
    () => {
      const url = `${base}/order.OrderService/${method}`;
      if (protocol === "Connect GET")
        return wrkLoad({ url: url + connectGetQuery(request), callers, seconds, headers: auth });
      const [contentType, body] =
        protocol === "Connect JSON"
          ? ["application/json", request.json]
          : protocol === "Connect binary"
            ? ["application/proto", request.binary]
            : ["application/grpc-web+proto", request.grpcWebFrame];
      return wrkLoad({ url, contentType, body, callers, seconds, headers: auth });
    };

  // Every measured load of a method at a number of callers, in a fixed order: servers side by side.
  const loads = (method: Method, callers: number) => {
    const list: [Target, Protocol, () => Promise<LoadResult>][] = [];
    if (protocols.includes("gRPC")) {
      list.push([targets.peer, "gRPC", grpc(peer.url, "", method, requestFor(method, uuids.peer), callers)]);
      list.push([targets.bare, "gRPC", grpc(bare.url, "", method, requestFor(method, uuids.bare), callers)]);
      list.push([targets.app, "gRPC", grpc(app.grpcUrl, app.token, method, requestFor(method, uuids.app), callers)]);
      if (unlimited) {
        const request = requestFor(method, uuids.unlimited);
        list.push([targets.unlimited, "gRPC", grpc(unlimited.grpcUrl, unlimited.token, method, request, callers)]);
      }
    }
    for (const protocol of http1Protocols) {
      if (protocol === "Connect GET" && !readOnly(method)) continue;
      list.push([
        targets.bareHttp1,
        protocol,
        http1(bareHttp1.url, protocol, method, requestFor(method, uuids.bareHttp1), callers),
      ]);
      list.push([targets.app, protocol, http1(app.apiUrl, protocol, method, requestFor(method, uuids.app), callers)]);
    }
    return list;
  };

  // Warm-up, not recorded: JIT, Prisma's query plans, SQLite's page cache, every route once.
  for (const method of methods) for (const [, , load] of loads(method, 16)) await load();

  for (const method of methods) {
    for (const callers of callerCounts) {
      const measuredRounds: Row[][] = [];
      for (let round = 0; round < rounds; round++) {
        const results: Row[] = [];
        for (const [target, protocol, load] of loads(method, callers)) {
          results.push(await measured(target, servers[target]!, { method, protocol, callers }, load));
        }
        measuredRounds.push(results);
      }
      keepLeastDisturbed(measuredRounds);
    }
  }
  if (protocols.includes("Connect JSON")) {
    for (const callers of callerCounts) {
      const ceilingRounds: Row[][] = [];
      for (let round = 0; round < rounds; round++) {
        ceilingRounds.push([
          await measured(
            targets.ceiling,
            servers[targets.ceiling],
            { method: 'ReadOrder("") → 400', protocol: "Connect JSON", callers },
            http1(app.apiUrl, "Connect JSON", "ReadOrder", ceilingRequest, callers),
          ),
        ]);
      }
      keepLeastDisturbed(ceilingRounds);
    }
  }
  const rssAfterLoad = groupRssMiB(app.pid);
  const residentAfterLoad = residentParts(app.pid);

  // CPU per request against the bare server of the same transport (HTTP/2 for gRPC, HTTP/1.1
  // otherwise) and protocol; throughput against the Python peer (gRPC only).
  const find = (target: Target, row: Row) =>
    rows.find(
      (r) => r.target === target && r.method === row.method && r.callers === row.callers && r.protocol === row.protocol,
    );
  const anchorOf = (row: Row) => find(row.protocol === "gRPC" ? targets.bare : targets.bareHttp1, row);
  const fixed = (n: number | undefined, digits: number) =>
    n === undefined || !Number.isFinite(n) ? "" : n.toFixed(digits);
  console.log(
    `\n${orders.toLocaleString("en-GB")} orders stored, ${seconds} s per row (the least disturbed of ${rounds} rounds), SQLite synchronous=${synchronous}, ` +
      `Node ${process.versions.node}; client and servers share the machine. KB alloc/req: V8 heap bytes ` +
      "allocated per request (Buffers not included); GC %: the main thread's GC pauses ÷ process CPU (of which old space: mark-compact and incremental marking).\n",
  );
  console.log(
    "| target | method | protocol | callers | req/s | p50 ms | p99 ms | CPU ms/req | KB alloc/req | GC % | old-space GC % | req/s ÷ peer | CPU ÷ bare | errors |",
  );
  console.log("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const row of rows) {
    const peerRow = find(targets.peer, row);
    const bareRow = anchorOf(row);
    const gc = row.gc;
    console.log(
      `| ${row.target} | ${row.method} | ${row.protocol} | ${row.callers} | ${Math.round(row.perSecond)} | ${fixed(row.p50Ms, 2)} | ${fixed(row.p99Ms, 2)} | ${fixed(row.cpuMs, 3)} | ` +
        `${fixed(gc && gc.allocatedBytes / 1024 / Math.max(1, row.requests), 1)} | ${fixed(gc && (100 * gc.gcMs) / gc.cpuMs, 1)} | ${fixed(gc && (100 * gc.majorMs) / gc.cpuMs, 1)} | ` +
        `${fixed(peerRow && row.perSecond / peerRow.perSecond, 2)} | ${fixed(bareRow && row.cpuMs / bareRow.cpuMs, 2)} | ${row.errors} |`,
    );
  }

  // The targets, saved for the one table printed at the end; a miss carries the figure that accounts for it.
  const checks: TargetCheck[] = [];
  const check = (figure: string, value: number | undefined, limit: number, why: () => string) => {
    if (value === undefined) return;
    const met = value <= limit;
    checks.push({
      area: "API",
      figure,
      value: value.toFixed(2),
      target: `≤ ${limit}`,
      met,
      ...(!met && { why: why() }),
    });
  };
  for (const method of methods) {
    for (const callers of callerCounts) {
      const at = (target: Target, protocol: Protocol) =>
        rows.find(
          (r) => r.target === target && r.method === method && r.callers === callers && r.protocol === protocol,
        );
      const ratio = (a: Row | undefined, b: Row | undefined) => (a && b ? a.cpuMs / b.cpuMs : undefined);
      const [appGrpc, bareGrpc, unlimitedGrpc, peerGrpc] = [
        at(targets.app, "gRPC"),
        at(targets.bare, "gRPC"),
        at(targets.unlimited, "gRPC"),
        at(targets.peer, "gRPC"),
      ];
      const [appGet, bareGet] = [at(targets.app, "Connect GET"), at(targets.bareHttp1, "Connect GET")];
      const label = `${method} ×${callers}`;
      check(`${label}: CPU/call, gRPC ÷ bare HTTP/2`, ratio(appGrpc, bareGrpc), 1.5, () =>
        grpcGap(appGrpc!, bareGrpc!),
      );
      check(`${label}: CPU/call, heap limit ÷ none`, ratio(appGrpc, unlimitedGrpc), 1.1, () =>
        heapLimitGap(appGrpc!, unlimitedGrpc!),
      );
      if (readOnly(method)) {
        const ceilingRow = rows.find((r) => r.target === targets.ceiling && r.callers === callers);
        check(`${label}: CPU/call, /api Connect GET ÷ bare HTTP/1.1`, ratio(appGet, bareGet), 2, () =>
          explainApiGap(appGet!, bareGet!, ceilingRow),
        );
      }
      if (method === "CreateOrder" && appGrpc && peerGrpc) {
        const throughput = appGrpc.perSecond / peerGrpc.perSecond;
        checks.push({
          area: "API",
          figure: `${label}: gRPC req/s ÷ Python peer`,
          value: throughput.toFixed(2),
          target: "≥ 1.5",
          met: throughput >= 1.5,
          why:
            `CPU per CreateOrder: the peer ${peerGrpc.cpuMs.toFixed(3)} ms (grpcio's C core, one plain table), the bare server of this stack ` +
            `${bareGrpc ? bareGrpc.cpuMs.toFixed(3) : "?"} ms, the app ${appGrpc.cpuMs.toFixed(3)} ms, with the load client on the same cores: out of reach ` +
            "for a Node server while commits are not synced; with every commit synced (--synchronous FULL) the app has led (docs/performance.md)",
        });
      }
    }
  }
  const ceiling = rows.filter((row) => row.target === targets.ceiling);
  for (const row of rows.filter(
    (r) => r.target === targets.app && r.method === "CreateOrder" && r.protocol === "Connect JSON",
  )) {
    const top = ceiling.find((c) => c.callers === row.callers);
    if (top)
      console.log(
        `CreateOrder (Connect JSON) ÷ ceiling at ${row.callers} callers: ${(row.perSecond / top.perSecond).toFixed(2)}`,
      );
  }
  console.log(
    `RSS MiB at rest / peak under load / after load: app ${restingRss.app.toFixed(0)} / ${(peakRss.get(targets.app) ?? 0).toFixed(0)} / ${rssAfterLoad.toFixed(0)}, ` +
      `bare ${restingRss.bare.toFixed(0)} / ${(peakRss.get(targets.bare) ?? 0).toFixed(0)}, ` +
      `python peer ${restingRss.peer.toFixed(0)} / ${(peakRss.get(targets.peer) ?? 0).toFixed(0)}`,
  );
  checks.push({
    area: "API",
    figure: "app RSS after the load (MiB)",
    value: rssAfterLoad.toFixed(0),
    target: "≤ 300",
    met: rssAfterLoad <= 300,
    why: rssParts(rssAfterLoad, lastMemory.get(targets.ceiling) ?? lastMemory.get(targets.app), residentAfterLoad),
  });
  await saveChecks("api", checks);
} finally {
  await Promise.all([app.stop(), unlimited?.stop(), bare.stop(), bareHttp1.stop(), peer.stop()]);
  await Promise.all(
    [appDb, unlimitedDb, bareDb, bareHttp1Db]
      .map((db) => db.remove())
      .concat(rm(peerDir, { recursive: true, force: true })),
  );
}
