// Two `next start` instances on one PostgreSQL: a credential that ends (a sign-out, a
// revocation, a removal, made by another process, as by the other instance) ends its open
// streams on both at once, through the NOTIFY that carries order events; AUTH_CACHE_MS is set
// so long here that the periodic check cannot be what ended them. A token's exp ends them at exp.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { accessEndings, msUntilStreamsEnd } from "./support/access-endings";
import type { AccessFixture, OpenWatch } from "./support/access-endings";
import { encodeSecret, newAuthSecret } from "./support/credentials";
import { startNextServer } from "./support/next-server";
import type { NextServer } from "./support/next-server";
import { createPostgresDatabase, postgresSkipReason } from "./support/postgres-database";
import { protocols } from "./support/protocol-transports";
import type { Protocol } from "./support/protocol-transports";

const skip = await postgresSkipReason();
// Checked every 30 s: an end seen within `notifiedMs` was notified.
const authCacheMs = 60_000;
const notifiedMs = 2_000;

describe("open streams on two PostgreSQL instances follow their credentials", { skip }, () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let servers: NextServer[];
  let store: Store;
  let fixture: AccessFixture;
  const secret = newAuthSecret();
  before(async () => {
    database = await createPostgresDatabase();
    const env = { AUTH_SECRET: secret, AUTH_CACHE_MS: String(authCacheMs), WATCH_HEARTBEAT_MS: "5000" };
    servers = await Promise.all([1, 2].map(() => startNextServer({ databaseUrl: database.url, env })));
    store = createStore({ provider: "postgresql", url: database.url });
    fixture = { store, secret: encodeSecret(secret) };
  });
  after(async () => {
    await Promise.all(servers?.map((server) => server.stop()) ?? []);
    await store?.close();
    await database?.drop();
  });

  /** A watch on instance A over Connect on /api, and on instance B over gRPC on its gRPC port. */
  function onBoth(): OpenWatch[] {
    const [connectJson, , , , grpc] = protocols;
    const pairs: [NextServer, Protocol][] = [
      [servers[0]!, connectJson!],
      [servers[1]!, grpc!],
    ];
    return pairs.map(([server, protocol]) => {
      const client = createClient(OrderService, protocol.transport(server, { token: false }));
      return (headers, signal) => client.watchOrders({}, { headers, signal });
    });
  }

  // A session shortened in the database is no notified change: each instance finds it by its
  // periodic check (test/stream-access.test.ts times that).
  for (const ending of accessEndings.filter((ending) => ending.name !== "session expiry reached")) {
    test(`${ending.name}: the streams on both instances end with UNAUTHENTICATED at once`, async (t) => {
      const [onA, onB] = await msUntilStreamsEnd(onBoth(), await ending.arrange(fixture), ending.reason);
      t.diagnostic(`${ending.name}: ended on A after ${onA} ms, on B after ${onB} ms`);
      for (const ms of [onA!, onB!]) assert.ok(ms <= notifiedMs, `${ms} ms`);
    });
  }
});
