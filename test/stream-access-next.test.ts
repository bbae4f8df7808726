// Open streams follow their credentials through `next start`, on every transport: Connect and
// gRPC-Web on /api (HTTP/1.1, as browsers call it), gRPC and Connect on the gRPC port. The
// changes are made by this test process, another process on the server's SQLite file, so the
// server learns of them by its periodic check, within AUTH_CACHE_MS (in-process timing is
// asserted by test/stream-access.test.ts; this file checks every transport).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createClient } from "@connectrpc/connect";
import { OrderService } from "../gen/order/order_pb";
import { createStore } from "../server/db/store";
import type { Store } from "../server/db/store";
import { accessEndings, msUntilStreamEnds } from "./support/access-endings";
import type { AccessFixture, OpenWatch } from "./support/access-endings";
import { appPerFile } from "./support/app-per-file";
import { protocols } from "./support/protocol-transports";
import type { Protocol } from "./support/protocol-transports";

const authCacheMs = 1_000;
const app = appPerFile({ AUTH_CACHE_MS: String(authCacheMs), WATCH_HEARTBEAT_MS: "5000" });

// Server streams are always POSTs, so the GET variant would repeat the Connect JSON one.
const streaming = protocols.filter((protocol) => !protocol.name.startsWith("Connect GET"));

function openOver(protocol: Protocol): OpenWatch {
  const client = createClient(OrderService, protocol.transport(app.server, { token: false }));
  return (headers, signal) => client.watchOrders({}, { headers, signal });
}

describe("open streams on next start follow their credentials", () => {
  let store: Store;
  let fixture: AccessFixture;
  before(() => {
    store = createStore({ provider: "sqlite", file: app.database.file });
    fixture = { store, secret: app.server.authSecret };
  });
  after(() => store?.close());

  const byWay = (way: string) => accessEndings.filter((ending) => ending.way === way);
  for (const protocol of streaming) {
    test(`${protocol.name}: each way access ends ends the stream with UNAUTHENTICATED at the next periodic check`, async (t) => {
      // One of each way per transport (every way is timed in-process, test/stream-access.test.ts).
      for (const ending of [
        byWay("sign-out")[0]!,
        byWay("revocation")[0]!,
        byWay("removal")[0]!,
        byWay("expiry")[0]!,
        byWay("password")[0]!,
      ]) {
        const ms = await msUntilStreamEnds(openOver(protocol), await ending.arrange(fixture), ending.reason);
        t.diagnostic(`${ending.name}: ended ${ms} ms after access did`);
        // The bound itself, AUTH_CACHE_MS, is asserted in-process (test/stream-access.test.ts).
        // Here the server's check, its answer and this reader are three processes taking turns
        // on cores that `npm test` shares with the browser suite: one was seen 92 ms late on
        // top of the bound, so the check here is that it ends within a second period.
        assert.ok(ms <= 2 * authCacheMs, `${ending.name}: ${ms} ms`);
      }
    });
  }

  test("the log says whose streams ended and why", () => {
    assert.match(app.server.output(), /auth: ended 1 open stream of account:user-[\w-]+ \(session\): token revoked/);
    assert.match(app.server.output(), /auth: ended 1 open stream of account:user-[\w-]+ \(token\): token expired/);
  });
});
