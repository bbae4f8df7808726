// WatchOrders through `next start`: Connect and gRPC-Web on /api (HTTP/1.1, as browsers call
// it) and gRPC on the gRPC port, with credentials; streamed messages are not held back by
// Next's gzip; SIGTERM ends open watches at once instead of holding the drain.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { after, describe, test } from "node:test";
import { fromJson } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { OrderService, WatchOrdersResponseSchema } from "../gen/order/order_pb";
import { appPerFile } from "./support/app-per-file";
import { rejectsWith } from "./support/connect-errors";
import { startNextServer } from "./support/next-server";
import { protocols } from "./support/protocol-transports";
import { createSqliteDatabase } from "./support/sqlite-database";
import { readWatch } from "./support/watch-stream";

const app = appPerFile({ WATCH_HEARTBEAT_MS: "300" });

// Server streams are always POSTs, so the GET variant would repeat the Connect JSON one.
const streaming = protocols.filter((protocol) => !protocol.name.startsWith("Connect GET"));

describe("WatchOrders on next start", () => {
  for (const protocol of streaming) {
    test(`${protocol.name}: streams an order created through another protocol, with credentials`, async () => {
      const watcher = createClient(OrderService, protocol.transport(app.server));
      const writer = createClient(OrderService, streaming[0]!.transport(app.server));
      const stream = readWatch((signal) => watcher.watchOrders({}, { signal }));
      try {
        assert.equal((await stream.next()).event.case, "heartbeat");
        const { order } = await writer.createOrder({ name: `Seen over ${protocol.name}` });
        // Heartbeats (every 300 ms here) may come first on a busy machine.
        const created = (await stream.until((message) => message.event.case === "created")).at(-1);
        assert.equal(created!.event.case === "created" && created!.event.value.uuid, order!.uuid);
        // Silence again: a heartbeat comes through with the event's cursor.
        const heartbeat = (await stream.until((message) => message.event.case === "heartbeat")).at(-1);
        assert.equal(heartbeat!.cursor, created!.cursor);
      } finally {
        stream.close();
      }
      const anonymous = createClient(OrderService, protocol.transport(app.server, { token: false }));
      await rejectsWith(readWatch((signal) => anonymous.watchOrders({}, { signal })).next(), Code.Unauthenticated);
    });
  }

  test("a browser-like Connect JSON stream that accepts gzip gets each message as it is sent", async () => {
    const body = Buffer.alloc(5 + 2);
    body.writeUInt32BE(2, 1);
    body.write("{}", 5);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const request = httpRequest(`${app.server.apiUrl}/order.OrderService/WatchOrders`, {
        method: "POST",
        headers: {
          "content-type": "application/connect+json",
          "accept-encoding": "gzip, deflate, br",
          "rpc-auth": app.server.token,
        },
      });
      request.once("response", resolve).once("error", reject).end(body);
    });
    try {
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers["content-encoding"], undefined);
      assert.equal(response.headers["cache-control"], "no-transform");
      // Two messages (the first heartbeat and one after 300 ms of silence), each its own
      // envelope: a gzip stream would have held both until far more had been written.
      const messages = [];
      let pending = Buffer.alloc(0);
      for await (const chunk of response as AsyncIterable<Buffer>) {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 5 && pending.length >= 5 + pending.readUInt32BE(1)) {
          const length = pending.readUInt32BE(1);
          messages.push(
            fromJson(WatchOrdersResponseSchema, JSON.parse(pending.subarray(5, 5 + length).toString()) as JsonValue),
          );
          pending = pending.subarray(5 + length);
        }
        if (messages.length >= 2) break;
      }
      assert.deepEqual(
        messages.map((message) => message.event.case),
        ["heartbeat", "heartbeat"],
      );
    } finally {
      response.destroy();
    }
  });

  test("SIGTERM ends open watches at once: the server exits without waiting out the grace period", async () => {
    const database = await createSqliteDatabase();
    after(() => database.remove());
    const server = await startNextServer({ databaseUrl: database.url, env: { SHUTDOWN_GRACE_MS: "60000" } });
    after(() => server.stop());
    const [connectJson, , , , grpc] = protocols;
    const streams = [connectJson!, grpc!].map((protocol) => {
      const client = createClient(OrderService, protocol.transport(server));
      return readWatch((signal) => client.watchOrders({}, { signal }));
    });
    for (const stream of streams) await stream.next();
    process.kill(server.pid, "SIGTERM");
    for (const stream of streams) assert.equal(await stream.ended(), true);
    assert.equal(await server.exited(), 143);
    assert.doesNotMatch(server.output(), /grace period over/);
  });
});
