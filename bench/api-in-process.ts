// Service + storage cost without HTTP: the routes through an in-memory Connect transport
// on a fresh, migrated SQLite file. Run: npm run bench:api
import { OrderBy } from "../gen/order/order_pb";
import { createStore } from "../server/db/store";
import { routerClients } from "../test/support/router-clients";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { measure, printTable } from "./measure";
import type { Figures } from "./measure";

const database = await createSqliteDatabase();
const store = createStore({ provider: "sqlite", file: database.file });
// With a token, as every caller needs: its check (one indexed read) is part of each call's cost.
const client = routerClients(store).orders;

const rows: [string, Figures][] = [];
const create = (i: number) =>
  client.createOrder({
    name: `Order ${i}`,
    completed: i % 3 === 0,
    date: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
  });
rows.push(["CreateOrder, 1 in flight", await measure(2_000, 1, create)]);
rows.push(["CreateOrder, 32 in flight", await measure(8_000, 32, (i) => create(i + 2_000))]);

rows.push(["ListOrders page 1 (50 of 10,000)", await measure(500, 1, () => client.listOrders({ pageSize: 50 }))]);
let token = "";
for (let page = 0; page < 100; page++)
  token = (await client.listOrders({ pageSize: 50, pageToken: token })).nextPageToken;
rows.push(["ListOrders page 101 (keyset)", await measure(500, 1, () => client.listOrders({ pageToken: token }))]);
rows.push([
  "ListOrders name search + sort",
  await measure(300, 1, () => client.listOrders({ nameContains: "der 12", orderBy: OrderBy.NAME_ASC })),
]);

printTable(rows);
console.log(`RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, SQLite file ${database.file}`);
await store.close();
await database.remove();
