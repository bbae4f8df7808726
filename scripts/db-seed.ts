// Fills the database DATABASE_URL selects with realistic orders, for benchmarks and demos:
//   npm run db:seed -- --orders 1000000 [--seed 1]
// Migrates first as db:migrate does (so it works beside a running server); adds to whatever is stored.
import { parseArgs } from "node:util";
import { config } from "../server/config.js";
import { migrateFirst } from "./db/migrate-first";
import { seededRandom, seedRows } from "./seed/seed-orders";
import { openSeedWriter } from "./seed/seed-writers";

const batchSize = 10_000;

const { values } = parseArgs({ options: { orders: { type: "string" }, seed: { type: "string", default: "1" } } });
const total = Number(values.orders);
if (!Number.isInteger(total) || total < 1) {
  console.error("usage: npm run db:seed -- --orders N [--seed S]");
  process.exit(2);
}

function progress(done: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} orders, ${seconds} s`;
  // A bar redrawn in place on a terminal; plain lines (every batch) in logs.
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
  else if (done === total || (done / batchSize) % 10 === 0) console.error(line);
}

await migrateFirst("db:seed");
const writer = await openSeedWriter(config.database);
const random = seededRandom(Number(values.seed));
const started = performance.now();
try {
  for (let done = 0; done < total;) {
    const rows = seedRows(Math.min(batchSize, total - done), random);
    await writer.write(rows);
    done += rows.length;
    progress(done, started);
  }
} finally {
  await writer.close();
}
console.log(
  `${config.database.provider}: seeded ${total} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
