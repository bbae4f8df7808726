// `npm run db:migrate` as an operator runs it: beside a running server, against a locked
// database with work pending, and against a PostgreSQL host that never answers.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import Database from "better-sqlite3";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { postgresConnectTimeoutMs } from "../scripts/db/migrations";
import { appPerFile } from "./support/app-per-file";
import { protocols } from "./support/protocol-transports";
import { runCommand } from "./support/run-command";
import { createSqliteDatabase } from "./support/sqlite-database";

const app = appPerFile();
const migrate = (env: Record<string, string>) => runCommand("npm", ["run", "-s", "db:migrate"], env);

describe("db:migrate", () => {
  test("succeeds beside a running server that is writing, without taking a lock", async () => {
    const orders = createClient(OrderService, protocols[0]!.transport(app.server));
    // Writes keep going while the migrator runs, as they would during a rolling deploy.
    let writing = true;
    const writes = (async () => {
      let count = 0;
      while (writing) {
        await orders.createOrder({ name: `During migrate ${count}` });
        count += 1;
      }
      return count;
    })();
    const result = await migrate({ DATABASE_URL: app.database.url });
    writing = false;
    const written = await writes;
    console.log(
      `db:migrate beside a running server: exit ${result.code}, "${result.stdout.trim()}" (${written} orders created meanwhile)`,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /is up to date/);
    assert.equal(result.stderr, "");
  });

  test("with a migration pending and the file held, retries for the stated time, then names the holder", async () => {
    const database = await createSqliteDatabase();
    const holder = new Database(database.file);
    try {
      // Pending again: the history forgets every migration, and the schema they made is gone
      // (virtual tables first: dropping one drops its shadow tables).
      const tables = () =>
        holder
          .prepare<[], { name: string }>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY sql LIKE 'CREATE VIRTUAL%' DESC",
          )
          .all();
      for (const { name } of tables()) holder.exec(`DROP TABLE IF EXISTS "${name}"`);
      holder.prepare("SELECT 1").get(); // this process now holds the WAL file open, as a server does
      const result = await migrate({ DATABASE_URL: database.url, MIGRATE_LOCK_WAIT_MS: "1000" });
      console.log(`db:migrate against a held file: exit ${result.code}\n${result.stderr.trim()}`);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /is locked by another process; waiting up to 1 s\n/);
      assert.match(result.stderr, new RegExp(`stayed locked for 1 s; held by .*pid ${process.pid} `));
      assert.doesNotMatch(result.stderr, /SocketTimeout|wasm|\n\s+at /);
    } finally {
      holder.close();
    }
    // Once the holder lets go, the same command applies it.
    const result = await migrate({ DATABASE_URL: database.url });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /migrated .*_init/);
    await database.remove();
  });

  test("fails with a stated timeout when a PostgreSQL host accepts connections but never answers", async () => {
    const silent = createServer(() => {}); // accepts, then says nothing: a hung host or a black hole
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await migrate({ DATABASE_URL: `postgresql://app@127.0.0.1:${port}/orders` });
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        new RegExp(
          `db:migrate: cannot migrate PostgreSQL at 127.0.0.1:${port}/orders: no answer within ${postgresConnectTimeoutMs / 1000} s`,
        ),
      );
    } finally {
      silent.close();
    }
  });
});
