// The stack's own limit, shared by both bare servers (HTTP/2 and HTTP/1.1): connect-node
// routes on better-sqlite3 prepared statements, no Next, no Prisma, no validation;
// CreateOrder, ReadOrder and ListOrders (newest 50, count from the trigger-kept totals) on a
// migrated database file.
import { randomUUID } from "node:crypto";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import Database from "better-sqlite3";
import { OrderNotificationTypeEnum, OrderService } from "../../gen/order/order_pb";
import { foldName } from "../../server/orders/order-repository";

type Row = { uuid: string; name: string; completed: number; date: string; create_time: string; update_time: string };

/** The routes on `file`, and how to close the database once the server has stopped. */
export function bareRoutes(file: string, synchronous: string) {
  const db = new Database(file);
  db.pragma(`synchronous = ${synchronous === "FULL" ? "FULL" : "NORMAL"}`);
  const columns = "uuid, name, completed, date, create_time, update_time";
  const insert = db.prepare(`INSERT INTO orders (${columns}, name_folded) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const byUuid = db.prepare<[string], Row>(`SELECT ${columns} FROM orders WHERE uuid = ?`);
  const newest = db.prepare<[number], Row>(`SELECT ${columns} FROM orders ORDER BY date DESC, uuid DESC LIMIT ?`);
  const total = db.prepare<[], { total: number }>("SELECT SUM(total) AS total FROM order_counts");

  const stored = (iso: string) => iso.replace("Z", "+00:00");
  const toOrder = (row: Row) => ({
    uuid: row.uuid,
    name: row.name,
    completed: row.completed === 1,
    date: new Date(row.date).toISOString(),
    createTime: timestampFromMs(Date.parse(row.create_time)),
    updateTime: timestampFromMs(Date.parse(row.update_time)),
  });
  const ok = OrderNotificationTypeEnum.OK;

  const routes = (router: ConnectRouter) =>
    router.service(OrderService, {
      createOrder({ name, completed, date }) {
        const now = stored(new Date().toISOString());
        const row: Row = {
          uuid: randomUUID(),
          name,
          completed: completed ? 1 : 0,
          date: stored(date || now),
          create_time: now,
          update_time: now,
        };
        insert.run(row.uuid, row.name, row.completed, row.date, row.create_time, row.update_time, foldName(name));
        return { notificationType: ok, order: toOrder(row) };
      },
      readOrder({ uuid }) {
        const row = byUuid.get(uuid);
        if (!row) throw new ConnectError("order not found", Code.NotFound);
        return { notificationType: ok, order: toOrder(row) };
      },
      listOrders({ pageSize }) {
        return {
          notificationType: ok,
          orders: newest.all(pageSize || 50).map(toOrder),
          totalSize: total.get()?.total ?? 0,
        };
      },
    });
  return { routes, close: () => db.close() };
}

/** Prints "ready PORT" once `server` listens (port 0: any free port) and closes on SIGTERM. */
export function serveUntilTerminated(
  server: {
    listen(port: number, host: string, ready: () => void): unknown;
    address(): unknown;
    close(done: () => void): unknown;
  },
  port: number,
  close: () => void,
): void {
  server.listen(port, "127.0.0.1", () => {
    const address = server.address();
    console.log(`ready ${typeof address === "object" && address ? (address as { port: number }).port : port}`);
  });
  process.on("SIGTERM", () => server.close(close));
}
