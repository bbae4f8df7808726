// npm run bench:scale [-- --sizes 1000,100000,1000000 --runs 30 --database postgresql]
// ListOrders p50/p99 as the table grows: first page, a deep page (after following 1,000
// next-page tokens), the completed filter, each sort order, and a common and a rare name
// search. In process through the real routes (no sockets), so the figures are the service's
// and the database's own. Each size is seeded once with db:seed's orders.
import { parseArgs } from "node:util";
import { create } from "@bufbuild/protobuf";
import { ListOrdersRequestSchema, OrderBy } from "../gen/order/order_pb";
import type { ListOrdersRequest } from "../gen/order/order_pb";
import { parseConfig } from "../server/config.js";
import { createStore } from "../server/db/store";
import { seededRandom, seedRows } from "../scripts/seed/seed-orders";
import { openSeedWriter } from "../scripts/seed/seed-writers";
import { routerClients } from "../test/support/router-clients";
import { createPostgresDatabase } from "../test/support/postgres-database";
import { createSqliteDatabase } from "../test/support/sqlite-database";
import { summarize } from "./load/load-result";
import { saveChecks } from "./load/target-checks";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,100000,1000000" },
    runs: { type: "string", default: "30" },
    database: { type: "string", default: "sqlite" },
  },
});
const runs = Number(values.runs);
type ListInput = Partial<Omit<ListOrdersRequest, "$typeName">>;

const cases: [string, ListInput][] = [
  ["first page", {}],
  ["completed filter", { completed: true }],
  ...[
    OrderBy.DATE_DESC,
    OrderBy.DATE_ASC,
    OrderBy.NAME_ASC,
    OrderBy.NAME_DESC,
    OrderBy.CREATE_TIME_DESC,
    OrderBy.CREATE_TIME_ASC,
  ].map((orderBy): [string, ListInput] => [`sort ${OrderBy[orderBy]}`, { orderBy }]),
  ["common search (cotton)", { nameContains: "cotton" }],
  ["rare search (#4242)", { nameContains: "#4242" }],
  ["short search (ha)", { nameContains: "ha" }],
];

async function seed(url: string, count: number) {
  const writer = await openSeedWriter(parseConfig({ DATABASE_URL: url }).database);
  const random = seededRandom(1);
  for (let done = 0; done < count; done += 10_000) await writer.write(seedRows(Math.min(10_000, count - done), random));
  await writer.close();
}

const table: string[] = [];
// p50 of the first page by table size, for the target: the largest size within 1.5× the smallest.
const firstPageMs = new Map<number, number>();
for (const size of values.sizes.split(",").map(Number)) {
  const database =
    values.database === "postgresql"
      ? await createPostgresDatabase()
      : await createSqliteDatabase().then((d) => ({ url: d.url, drop: d.remove }));
  const started = performance.now();
  await seed(database.url, size);
  process.stderr.write(`${size} orders seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const store = createStore(parseConfig({ DATABASE_URL: database.url }).database);
  const { orders } = routerClients(store);
  try {
    const time = async (label: string, request: () => Promise<unknown>) => {
      await request(); // warm: plans and pages cached, as in a running server
      const latencies: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await request();
        latencies.push(performance.now() - t);
      }
      const { p50Ms, p99Ms } = summarize(latencies, 0, 1);
      table.push(`| ${size.toLocaleString("en-GB")} | ${label} | ${p50Ms.toFixed(2)} | ${p99Ms.toFixed(2)} |`);
      if (label === "first page") firstPageMs.set(size, p50Ms);
    };
    for (const [label, input] of cases) await time(label, () => orders.listOrders({ pageSize: 50, ...input }));
    // The deep page: 1,000 tokens followed (fewer when the table has fewer pages), then timed.
    let pageToken = "";
    let followed = 0;
    for (; followed < 1_000; followed++) {
      const next = (await orders.listOrders({ pageSize: 50, pageToken })).nextPageToken;
      if (!next) break;
      pageToken = next;
    }
    await time(`deep page (after ${followed} tokens)`, () =>
      orders.listOrders(create(ListOrdersRequestSchema, { pageSize: 50, pageToken })),
    );
  } finally {
    await store.close();
    await database.drop();
  }
}
console.log(`\nListOrders(50), ${values.database}, ${runs} timed calls per row, in process:\n`);
console.log("| orders | case | p50 ms | p99 ms |\n|--:|---|--:|--:|");
console.log(table.join("\n"));

const sizes = [...firstPageMs.keys()].sort((a, b) => a - b);
if (sizes.length > 1) {
  const [smallest, largest] = [sizes[0]!, sizes.at(-1)!];
  const ratio = firstPageMs.get(largest)! / firstPageMs.get(smallest)!;
  await saveChecks(`scale-${values.database}`, [
    {
      area: "scale",
      figure: `ListOrders(50) first page p50, ${values.database}: ${largest.toLocaleString("en-GB")} ÷ ${smallest.toLocaleString("en-GB")} orders`,
      value: ratio.toFixed(2),
      target: "≤ 1.5",
      met: ratio <= 1.5,
    },
  ]);
}
