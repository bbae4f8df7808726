// npm run bench:access [-- --runs 3]
// For each way access ends (sign-out, revocation, removal, expiry), how long an open WatchOrders
// stream with that credential lives on afterwards, at the default AUTH_CACHE_MS (5 s):
// - one instance: the routes and the code that makes the change share a process (SQLite and
//   PostgreSQL);
// - SQLite, another process: `next start`, the change made by this process on its file;
// - two PostgreSQL instances: two `next start`, a stream on each, the change made by this
//   process (as by either instance), heard through NOTIFY.
// Figures are the median and the largest of `runs` measurements, in ms. PostgreSQL columns need
// POSTGRES_URL (npm run build first for the `next start` columns).
import { parseArgs } from "node:util";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { accessEndings, inProcessWatch, msUntilStreamsEnd } from "../test/support/access-endings";
import type { AccessFixture, OpenWatch } from "../test/support/access-endings";
import { encodeSecret, newAuthSecret } from "../test/support/credentials";
import { startNextServer } from "../test/support/next-server";
import type { NextServer } from "../test/support/next-server";
import { createPostgresDatabase, postgresUnavailable } from "../test/support/postgres-database";
import { protocols } from "../test/support/protocol-transports";
import { createSqliteDatabase } from "../test/support/sqlite-database";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const authCacheMs = parseConfig({}).authCacheMs;

type Setup = { name: string; fixture: AccessFixture; opens: OpenWatch[]; close: () => Promise<void> };

function watchOn(server: NextServer, protocolIndex: number): OpenWatch {
  const client = createClient(OrderService, protocols[protocolIndex]!.transport(server, { token: false }));
  return (headers, signal) => client.watchOrders({}, { headers, signal });
}

async function oneInstance(provider: "sqlite" | "postgresql"): Promise<Setup> {
  const database = provider === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
  const store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
  const secret = encodeSecret(newAuthSecret());
  return {
    name: `one instance, ${provider === "sqlite" ? "SQLite" : "PostgreSQL"}`,
    fixture: { store, secret },
    opens: [inProcessWatch(store, secret, authCacheMs)],
    async close() {
      await store.close();
      await ("remove" in database ? database.remove() : database.drop());
    },
  };
}

async function servers(provider: "sqlite" | "postgresql"): Promise<Setup> {
  const database = provider === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
  const AUTH_SECRET = newAuthSecret();
  const count = provider === "sqlite" ? 1 : 2;
  const started = await Promise.all(
    Array.from({ length: count }, () => startNextServer({ databaseUrl: database.url, env: { AUTH_SECRET } })),
  );
  const store: Store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
  return {
    name: provider === "sqlite" ? "SQLite, changed by another process" : "two PostgreSQL instances (A / B)",
    fixture: { store, secret: encodeSecret(AUTH_SECRET) },
    // Connect on /api for A, gRPC on the gRPC port for B.
    opens: started.map((server, index) => watchOn(server, index === 0 ? 0 : 4)),
    async close() {
      await Promise.all(started.map((server) => server.stop()));
      await store.close();
      await ("remove" in database ? database.remove() : database.drop());
    },
  };
}

const postgres = (await postgresUnavailable()) === undefined;
const setups: (() => Promise<Setup>)[] = [
  () => oneInstance("sqlite"),
  ...(postgres ? [() => oneInstance("postgresql")] : []),
  () => servers("sqlite"),
  ...(postgres ? [() => servers("postgresql")] : []),
];
if (!postgres) console.warn("PostgreSQL unreachable (POSTGRES_URL): its columns are left out");

const columns: string[] = [];
const cells = new Map<string, string[]>(accessEndings.map((ending) => [ending.name, []]));
const figure = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)]} (${sorted.at(-1)})`;
};
for (const setUp of setups) {
  const setup = await setUp();
  columns.push(setup.name);
  try {
    for (const ending of accessEndings) {
      const perStream: number[][] = setup.opens.map(() => []);
      for (let run = 0; run < runs; run++) {
        const ms = await msUntilStreamsEnd(setup.opens, await ending.arrange(setup.fixture), ending.reason);
        ms.forEach((value, stream) => perStream[stream]!.push(value));
      }
      cells.get(ending.name)!.push(perStream.map(figure).join(" / "));
    }
  } finally {
    await setup.close();
  }
}

console.log(
  `\nms from the end of access to the stream's UNAUTHENTICATED, median (max) of ${runs}; AUTH_CACHE_MS=${authCacheMs}`,
);
const header = ["way access ends", ...columns];
const rows = [...cells].map(([name, values]) => [name, ...values]);
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
for (const row of [header, widths.map((width) => "-".repeat(width)), ...rows]) {
  console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | "));
}
