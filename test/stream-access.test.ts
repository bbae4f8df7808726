// Open streams follow their credentials, in one process on both databases: WatchOrders ends
// with UNAUTHENTICATED within AUTH_CACHE_MS after a sign-out, a revocation, a removal or an
// expiry, whether the app made the change (at once) or plain SQL did (PostgreSQL: at once,
// through NOTIFY; SQLite: by the periodic check). Streams whose access did not end go on.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { Code } from "@connectrpc/connect";
import { createStore } from "../server/db/store";
import { accessEndings, inProcessWatch, msUntilStreamEnds, plainSqlEndings } from "./support/access-endings";
import type { AccessFixture, OpenWatch } from "./support/access-endings";
import { encodeSecret, issueTestToken, newAuthSecret } from "./support/credentials";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { createSqliteDatabase } from "./support/sqlite-database";
import { readWatch } from "./support/watch-stream";
import { testActor } from "./support/credentials";

const authCacheMs = 1_000;
const secret = encodeSecret(newAuthSecret());
const skipPostgres = await postgresSkipReason();

function accessChecks(
  provider: string,
  setUp: () => Promise<AccessFixture & { close(): Promise<void> }>,
  skip?: string,
) {
  describe(`open streams follow their credentials on ${provider}`, { skip }, () => {
    let fixture: AccessFixture & { close(): Promise<void> };
    let open: OpenWatch;
    before(async () => {
      fixture = await setUp();
      open = inProcessWatch(fixture.store, secret, authCacheMs);
    });
    after(() => fixture?.close());

    for (const ending of accessEndings) {
      test(`${ending.name}: the stream ends with UNAUTHENTICATED ${ending.reason}, within AUTH_CACHE_MS`, async (t) => {
        const ms = await msUntilStreamEnds(open, await ending.arrange(fixture), ending.reason);
        t.diagnostic(`${provider}, ${ending.name}: ended ${ms} ms after access did`);
        assert.ok(ms <= authCacheMs, `${ms} ms`);
      });
    }

    for (const ending of plainSqlEndings) {
      const bound = provider === "PostgreSQL" ? "at once (NOTIFY)" : "within AUTH_CACHE_MS (periodic check)";
      test(`${ending.name}: the stream ends ${bound}`, async (t) => {
        const ms = await msUntilStreamEnds(open, await ending.arrange(fixture), ending.reason);
        t.diagnostic(`${provider}, ${ending.name}: ended ${ms} ms after access did`);
        assert.ok(ms <= authCacheMs, `${ms} ms`);
      });
    }

    test("a stream whose access did not end goes on, and the ended credential is refused at once", async () => {
      const [ending] = accessEndings;
      const token = await issueTestToken(fixture.store, secret, "bystander");
      const bystander = readWatch((signal) => open({ "rpc-auth": token }, signal));
      try {
        await bystander.next();
        const arranged = await ending!.arrange(fixture);
        await msUntilStreamEnds(open, arranged, ending!.reason);
        const uuid = crypto.randomUUID();
        await fixture.store.orders.create(
          { uuid, name: "Still streamed", completed: false, date: new Date() },
          testActor,
        );
        const created = (await bystander.until((message) => message.event.case === "created")).at(-1)!;
        assert.equal(created.event.case === "created" && created.event.value.uuid, uuid);
        // The cache forgot the credential its stream ended for: a new call is checked, and refused.
        await assert.rejects(
          readWatch((signal) => open(arranged.headers, signal)).next(),
          (error: unknown) => (error as { code?: Code }).code === Code.Unauthenticated,
        );
      } finally {
        bystander.close();
      }
    });
  });
}

accessChecks("SQLite", async () => {
  const database = await createSqliteDatabase();
  const store = createStore({ provider: "sqlite", file: database.file });
  const other = new Database(database.file);
  return {
    store,
    secret,
    // Prisma's own text form of a date, so the app reads the row as it reads its own writes.
    plainSql: (sql, args) => {
      other.prepare(sql).run(args.map((arg) => arg.replace(/Z$/, "+00:00")));
      return Promise.resolve();
    },
    async close() {
      other.close();
      await store.close();
      await database.remove();
    },
  };
});

accessChecks(
  "PostgreSQL",
  async () => {
    const database = await createPostgresDatabase();
    const store = createStore({ provider: "postgresql", url: database.url });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    return {
      store,
      secret,
      plainSql: async (sql, args) => {
        let index = 0;
        await other.query(
          sql.replace(/\?/g, () => `$${++index}`),
          args,
        );
      },
      async close() {
        await other.end();
        await store.close();
        await database.drop();
      },
    };
  },
  skipPostgres,
);
