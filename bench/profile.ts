// npm run bench:profile [-- --method CreateOrder --callers 16 --seconds 10 --orders 10000 --protocol "Connect GET"]
// Where the app's CPU goes for one method: `next start` runs under --cpu-prof while gRPC load
// hits its HTTP/2 port (or, with --protocol "Connect GET", wrk hits /api as a browser does), then
// the profile's self time is summed per package and per function.
// The .cpuprofile stays in .tmp/profiles/ for Chrome DevTools or speedscope.
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { startNextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { connectGetQuery, requestFor } from "./load/bench-cases";
import type { Method } from "./load/bench-cases";
import { h2Load } from "./load/h2-load";
import { groupCpuSeconds } from "./load/process-stats";
import { wrkLoad } from "./load/wrk-load";

const { values } = parseArgs({
  options: {
    method: { type: "string", default: "CreateOrder" },
    callers: { type: "string", default: "16" },
    seconds: { type: "string", default: "10" },
    orders: { type: "string", default: "10000" },
    top: { type: "string", default: "25" },
    protocol: { type: "string", default: "gRPC" },
  },
});
const method = values.method as Method;
const profileDir = resolve(".tmp/profiles", `${method}-${Date.now()}`);
await mkdir(profileDir, { recursive: true });

const database = await createSqliteDatabase();
const writer = await openSeedWriter({ provider: "sqlite", file: database.file });
await writer.write(seedRows(Number(values.orders), seededRandom(1)));
await writer.close();

const app = await startNextServer({
  databaseUrl: database.url,
  nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
});
const uuid = new Database(database.file, { readonly: true })
  .prepare<[], { uuid: string }>("SELECT uuid FROM orders LIMIT 1")
  .get()!.uuid;
const load = () =>
  values.protocol === "Connect GET"
    ? wrkLoad({
        url: `${app.apiUrl}/order.OrderService/${method}${connectGetQuery(requestFor(method, uuid))}`,
        callers: Number(values.callers),
        seconds: Number(values.seconds),
        headers: { "rpc-auth": app.token },
      })
    : h2Load({
        url: app.grpcUrl,
        path: `/order.OrderService/${method}`,
        body: requestFor(method, uuid).binary,
        callers: Number(values.callers),
        seconds: Number(values.seconds),
        headers: { "rpc-auth": app.token },
      });
try {
  await load(); // warm-up: JIT and query plans
  const cpuBefore = groupCpuSeconds(app.pid);
  const result = await load();
  const cpuMs = ((groupCpuSeconds(app.pid) - cpuBefore) * 1000) / result.requests;
  console.log(
    `${method} ${values.protocol} ×${values.callers}: ${Math.round(result.perSecond)} req/s, ${cpuMs.toFixed(3)} CPU ms/req, ${result.errors} errors`,
  );
} finally {
  await app.stop();
  await database.remove();
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

// Which package (or "app", "node", a V8 pseudo-frame) a frame belongs to.
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith("(") ? name : "(native)";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith("node:")) return "node";
  const chunk = /\/(server|gen|pages|app|lib)\//.exec(url);
  return chunk ? `app ${chunk[1]}` : url.includes("/.next") ? "next bundle" : url;
}

const files = (await readdir(profileDir)).filter((name) => name.endsWith(".cpuprofile"));
for (const file of files) {
  const profile = JSON.parse(await readFile(join(profileDir, file), "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const perPackage = new Map<string, number>();
  const perFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    busy += us;
    const pkg = packageOf(url, functionName);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${pkg}:${lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + us);
  }
  if (busy < 1_000_000) continue; // a helper process, not the server
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(values.top))
      .map(([name, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`)
      .join("\n");
  console.log(
    `\n${file}: ${(busy / 1e6).toFixed(1)} s busy (warm-up included)\nself time by package:\n${top(perPackage)}`,
  );
  console.log(`self time by function:\n${top(perFunction)}`);
}
console.log(`\nprofiles: ${profileDir}`);
if (files.length === 0) await rm(profileDir, { recursive: true });
