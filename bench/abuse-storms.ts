// The storms of issue 19 at the issue's sizes, one after another against one production server
// (`next start`, the heap `npm start` gives it) on a SQLite file of 4,000 orders with the
// longest names: peak RSS, the probe caller's worst latency and the abuser's answers per storm.
// `npm run build` first. `--scale 0.25` runs them smaller.
import { parseArgs } from "node:util";
import { maxNameLength } from "../lib/order-limits";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { maxUnpagedOrders } from "../server/orders/order-paging";
import { issueTestToken } from "../test/support/credentials";
import { startNextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { listingStorm, measureStorm, rapidResets, streamToClientStream } from "../test/support/storms";
import type { StormFigures } from "../test/support/storms";

const { values } = parseArgs({ options: { scale: { type: "string", default: "1" }, only: { type: "string" } } });
const scale = Number(values.scale);
const longestName = "\u{1D518}".repeat(maxNameLength);

const database = await createSqliteDatabase();
const writer = await openSeedWriter({ provider: "sqlite", file: database.file });
await writer.write(
  seedRows(maxUnpagedOrders, seededRandom(19)).map((row) => ({ ...row, name: longestName, nameFolded: longestName })),
);
await writer.close();
const server = await startNextServer({ databaseUrl: database.url, env: { ECHO_PAUSE_MS: "0" } });
const store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
const [abuserToken, probeToken] = [
  await issueTestToken(store, server.authSecret, "abuser"),
  await issueTestToken(store, server.authSecret, "probe"),
];
await store.close();

const storms: [string, () => Promise<Record<string, number>>][] = [
  [
    `${Math.round(600 * scale)} MB to ClientStream, gRPC port`,
    () => streamToClientStream(server, "grpc", Math.round(600 * scale)),
  ],
  [
    `${Math.round(600 * scale)} MB to ClientStream, /api`,
    () => streamToClientStream(server, "api", Math.round(600 * scale)),
  ],
  [
    `${Math.round(200 * scale)} unpaged gzip listings, /api`,
    () => listingStorm(server, abuserToken, Math.round(200 * scale), "gzip"),
  ],
  [
    `${Math.round(16 * scale)} unpaged brotli listings, /api`,
    () => listingStorm(server, abuserToken, Math.max(1, Math.round(16 * scale)), "br"),
  ],
  [`${Math.round(20_000 * scale)} rapid resets, gRPC port`, () => rapidResets(server, Math.round(20_000 * scale))],
];

const rows: Record<string, Record<string, string | number>> = {};
try {
  for (const [name, storm] of storms) {
    if (values.only && !name.includes(values.only)) continue;
    const figures: StormFigures = await measureStorm(server, probeToken, storm);
    rows[name] = {
      "peak RSS MiB": Math.round(figures.peakRssMiB),
      "probe worst ms": Math.round(figures.probe.worstMs),
      "probe calls": figures.probe.calls,
      "probe failures": JSON.stringify(figures.probe.failures),
      "abuser got": JSON.stringify(figures.codes),
      seconds: figures.seconds.toFixed(1),
      alive: figures.alive ? "yes" : "NO",
    };
    console.log(name, rows[name]);
    if (!figures.alive) break;
  }
} finally {
  console.table(rows);
  if (process.env.SERVER_LOG)
    console.log(
      server
        .output()
        .split("\n")
        .filter((line) => line.includes(process.env.SERVER_LOG!))
        .slice(0, 12)
        .join("\n"),
    );
  if (!server.process.exitCode)
    console.log(
      server
        .output()
        .split("\n")
        .filter((line) => /heap|fatal|Error/i.test(line))
        .slice(-5)
        .join("\n"),
    );
  await server.stop();
  await database.remove();
}
