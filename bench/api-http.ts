// The API over real sockets: the production server (`npm run build` first) on a fresh
// SQLite file, called as Connect JSON over HTTP/1.1 at /api and as gRPC over HTTP/2 on the
// gRPC port. Client and server share the machine's cores. Run: npm run bench:api
import { execFileSync } from "node:child_process";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { OrderService } from "../gen/order/order_pb";
import { sendToken } from "../test/support/credentials";
import { startNextServer } from "../test/support/next-server";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { measure, printTable } from "./measure";
import type { Figures } from "./measure";

const database = await createSqliteDatabase();
const server = await startNextServer({ databaseUrl: database.url });
const interceptors = [sendToken(server.token)];
const connectJson = createClient(
  OrderService,
  createConnectTransport({ baseUrl: server.apiUrl, httpVersion: "1.1", interceptors }),
);
const connectGet = createClient(
  OrderService,
  createConnectTransport({ baseUrl: server.apiUrl, httpVersion: "1.1", useHttpGet: true, interceptors }),
);
const grpc = createClient(OrderService, createGrpcTransport({ baseUrl: server.grpcUrl, interceptors }));

const rows: [string, Figures][] = [];
const order = (i: number) => ({
  name: `Order ${i}`,
  completed: i % 3 === 0,
  date: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
});
try {
  rows.push(["gRPC CreateOrder, 32 in flight", await measure(5_000, 32, (i) => grpc.createOrder(order(i)))]);
  rows.push([
    "Connect JSON CreateOrder, 32 in flight",
    await measure(5_000, 32, (i) => connectJson.createOrder(order(5_000 + i))),
  ]);
  rows.push([
    "Connect GET ListOrders (50 of 10,000), 1 in flight",
    await measure(300, 1, () => connectGet.listOrders({ pageSize: 50 })),
  ]);
  rows.push([
    "Connect GET ListOrders, 32 in flight",
    await measure(2_000, 32, () => connectGet.listOrders({ pageSize: 50 })),
  ]);
  rows.push(["gRPC ListOrders, 32 in flight", await measure(2_000, 32, () => grpc.listOrders({ pageSize: 50 }))]);
  const { order: first } = await grpc.createOrder(order(0));
  rows.push(["gRPC ReadOrder, 32 in flight", await measure(5_000, 32, () => grpc.readOrder({ uuid: first!.uuid }))]);
  printTable(rows);
  const serverPid = execFileSync("pgrep", ["-f", `next-server`]).toString().trim().split("\n").at(-1);
  const rssKiB = serverPid ? execFileSync("ps", ["-o", "rss=", "-p", serverPid]).toString().trim() : "?";
  console.log(`server RSS after load: ${Math.round(Number(rssKiB) / 1024)} MiB`);
} finally {
  await server.stop();
  await database.remove();
}
