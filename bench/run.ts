// npm run bench [-- --seconds 2 --callers 1,16,64 --orders 10000 --methods CreateOrder,ReadOrder,ListOrders
//                  --synchronous NORMAL|FULL]
// One table: CreateOrder, ReadOrder and ListOrders(50) through `next start` (Connect JSON,
// Connect binary, gRPC-Web over HTTP/1.1 with wrk; gRPC on its HTTP/2 port with a Node client
// reusing connections), beside the Python peer and the bare server of this stack in the same
// run, plus the framework ceiling and server RSS. Needs a production build (NEXT_DIST_DIR).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { startNextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { ceilingRequest, requestFor } from "./load/bench-cases";
import type { EncodedRequest, Method, Protocol } from "./load/bench-cases";
import { h2Load } from "./load/h2-load";
import type { LoadResult } from "./load/load-result";
import { groupCpuSeconds, groupRssMiB } from "./load/process-stats";
import { startBareServer, startPythonPeer } from "./load/servers";
import type { Synchronous } from "./load/servers";
import { wrkLoad } from "./load/wrk-load";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "2" },
    callers: { type: "string", default: "1,16,64" },
    orders: { type: "string", default: "10000" },
    methods: { type: "string", default: "CreateOrder,ReadOrder,ListOrders" },
    // Every server alike: FULL syncs each commit to disk, so commits per second, not CPU, bound writes.
    synchronous: { type: "string", default: "NORMAL" },
  },
});
const seconds = Number(values.seconds);
const callerCounts = values.callers.split(",").map(Number);
const methods = values.methods.split(",") as Method[];
const synchronous: Synchronous = values.synchronous === "FULL" ? "FULL" : "NORMAL";

type Row = LoadResult & { target: string; method: string; protocol: string; callers: number; cpuMs: number };
const rows: Row[] = [];
const peakRss = new Map<string, number>();

/** Runs one load against a server process group, with its CPU time and peak memory. */
async function measured(
  target: string,
  pid: number,
  label: Omit<Row, keyof LoadResult | "cpuMs" | "target">,
  load: () => Promise<LoadResult>,
) {
  const cpuBefore = groupCpuSeconds(pid);
  const sampler = setInterval(() => peakRss.set(target, Math.max(peakRss.get(target) ?? 0, groupRssMiB(pid))), 250);
  const result = await load().finally(() => clearInterval(sampler));
  const cpuMs = ((groupCpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, result.requests);
  rows.push({ target, ...label, ...result, cpuMs });
  process.stderr.write(
    `${target} ${label.method} ${label.protocol} ×${label.callers}: ${Math.round(result.perSecond)} req/s\n`,
  );
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

const orders = Number(values.orders);
const [appDb, bareDb, peerDir] = await Promise.all([
  createSqliteDatabase(),
  createSqliteDatabase(),
  mkdtemp(join(tmpdir(), "orders-peer-")),
]);
await Promise.all([seedSqlite(appDb.file, orders), seedSqlite(bareDb.file, orders)]);
const peerFile = join(peerDir, "peer.db");
const [app, bare, peer] = await Promise.all([
  startNextServer({ databaseUrl: appDb.url, env: { SQLITE_SYNCHRONOUS: synchronous } }),
  startBareServer(bareDb.file, synchronous),
  startPythonPeer(peerFile, synchronous),
]);
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
  const uuids = { app: firstUuid(appDb.file), bare: firstUuid(bareDb.file), peer: firstUuid(peerFile) };

  const auth = { "rpc-auth": app.token };
  const grpc = (url: string, method: Method, request: EncodedRequest, callers: number) => () =>
    // The app needs a credential (the bare server and the peer ignore it), as any caller does.
    h2Load({ url, path: `/order.OrderService/${method}`, body: request.binary, callers, seconds, headers: auth });
  const http1 =
    (protocol: Exclude<Protocol, "gRPC">, method: string, request: EncodedRequest, callers: number) => () => {
      const [contentType, body] =
        protocol === "Connect JSON"
          ? ["application/json", request.json]
          : protocol === "Connect binary"
            ? ["application/proto", request.binary]
            : ["application/grpc-web+proto", request.grpcWebFrame];
      return wrkLoad({
        url: `${app.apiUrl}/order.OrderService/${method}`,
        contentType,
        body,
        callers,
        seconds,
        headers: auth,
      });
    };

  // Warm-up, not recorded: JIT, Prisma's query plans, SQLite's page cache, every route once.
  for (const method of methods) {
    const request = requestFor(method, uuids.app);
    await grpc(app.grpcUrl, method, request, 16)();
    for (const protocol of ["Connect JSON", "Connect binary", "gRPC-Web"] as const)
      await http1(protocol, method, request, 16)();
    await grpc(bare.url, method, requestFor(method, uuids.bare), 16)();
    await grpc(peer.url, method, requestFor(method, uuids.peer), 16)();
  }

  for (const method of methods) {
    for (const callers of callerCounts) {
      await measured(
        "python peer",
        peer.pid,
        { method, protocol: "gRPC", callers },
        grpc(peer.url, method, requestFor(method, uuids.peer), callers),
      );
      await measured(
        "bare server",
        bare.pid,
        { method, protocol: "gRPC", callers },
        grpc(bare.url, method, requestFor(method, uuids.bare), callers),
      );
      const request = requestFor(method, uuids.app);
      await measured(
        "app",
        app.pid,
        { method, protocol: "gRPC", callers },
        grpc(app.grpcUrl, method, request, callers),
      );
      for (const protocol of ["Connect JSON", "Connect binary", "gRPC-Web"] as const) {
        await measured("app", app.pid, { method, protocol, callers }, http1(protocol, method, request, callers));
      }
    }
  }
  for (const callers of callerCounts) {
    await measured(
      "app ceiling",
      app.pid,
      { method: 'ReadOrder("") → 400', protocol: "Connect JSON", callers },
      http1("Connect JSON", "ReadOrder", ceilingRequest, callers),
    );
  }

  // Ratios: throughput against the Python peer, CPU per request against the bare server,
  // each for the same method and number of callers.
  const reference = (target: string, row: Row) =>
    rows.find((r) => r.target === target && r.method === row.method && r.callers === row.callers);
  const fixed = (n: number | undefined, digits: number) =>
    n === undefined || !Number.isFinite(n) ? "" : n.toFixed(digits);
  console.log(
    `\n${orders.toLocaleString("en-GB")} orders stored, ${seconds} s per row, SQLite synchronous=${synchronous}; ` +
      "client and servers share the machine.\n",
  );
  console.log(
    "| target | method | protocol | callers | req/s | p50 ms | p99 ms | CPU ms/req | req/s ÷ peer | CPU ÷ bare | errors |",
  );
  console.log("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const row of rows) {
    const peerRow = reference("python peer", row);
    const bareRow = reference("bare server", row);
    console.log(
      `| ${row.target} | ${row.method} | ${row.protocol} | ${row.callers} | ${Math.round(row.perSecond)} | ${fixed(row.p50Ms, 2)} | ${fixed(row.p99Ms, 2)} | ${fixed(row.cpuMs, 3)} | ` +
        `${fixed(peerRow && row.perSecond / peerRow.perSecond, 2)} | ${fixed(bareRow && row.cpuMs / bareRow.cpuMs, 2)} | ${row.errors} |`,
    );
  }
  const ceiling = rows.filter((row) => row.target === "app ceiling");
  const create = rows.filter(
    (row) => row.target === "app" && row.method === "CreateOrder" && row.protocol === "Connect JSON",
  );
  for (const row of create) {
    const top = ceiling.find((c) => c.callers === row.callers);
    if (top)
      console.log(
        `CreateOrder (Connect JSON) ÷ ceiling at ${row.callers} callers: ${(row.perSecond / top.perSecond).toFixed(2)}`,
      );
  }
  console.log(
    `RSS MiB at rest / peak under load: app ${restingRss.app.toFixed(0)} / ${(peakRss.get("app") ?? 0).toFixed(0)}, ` +
      `bare ${restingRss.bare.toFixed(0)} / ${(peakRss.get("bare server") ?? 0).toFixed(0)}, ` +
      `python peer ${restingRss.peer.toFixed(0)} / ${(peakRss.get("python peer") ?? 0).toFixed(0)}`,
  );
} finally {
  await Promise.all([app.stop(), bare.stop(), peer.stop()]);
  await Promise.all([appDb.remove(), bareDb.remove(), rm(peerDir, { recursive: true, force: true })]);
}
