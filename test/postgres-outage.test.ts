// The database goes away under a running server and comes back (test/support/outage-drill.ts).
// A PostgreSQL cluster of this test's own is stopped and started; the shared server is never
// touched. Times are printed.
import { after, before, test } from "node:test";
import { applyMigrations } from "../scripts/db/migrations";
import { config } from "../server/config.js";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { outageDrill } from "./support/outage-drill";
import { createPostgresCluster, postgresClusterUnavailable } from "./support/postgres-cluster";
import type { PostgresCluster } from "./support/postgres-cluster";

const unavailable = await postgresClusterUnavailable();
const skip = unavailable && !config.requirePostgres ? unavailable : undefined;

let cluster: PostgresCluster | undefined;
let server: NextServer | undefined;
before(async () => {
  if (skip) return;
  cluster = await createPostgresCluster();
  await applyMigrations({ provider: "postgresql", url: cluster.url });
  server = await startNextServer({ databaseUrl: cluster.url });
});
after(async () => {
  await server?.stop();
  await cluster?.remove();
});

test(
  "with PostgreSQL stopped calls fail fast with UNAVAILABLE, and service resumes when it returns",
  { skip },
  async () => {
    const figures = await outageDrill(server!, {
      database: "PostgreSQL (pg_ctl stop, then start)",
      takeAway: () => cluster!.stop(),
      bringBack: () => cluster!.start(),
    });
    console.log(figures);
  },
);
