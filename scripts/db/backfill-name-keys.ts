import type { DatabaseConfig } from "../../server/config.js";
import { foldName } from "../../server/orders/order-repository";
import { nameSortKey } from "../../lib/name-fold";
import { postgresConnectTimeoutMs } from "./migrations";

// The natural_name_sort migration adds orders.name_key as '' and changes what name_folded
// holds (accents dropped); both are computed in TypeScript, so no SQL migration can fill them.
// This does, after the migrations: rows whose key is '' get key and fold, a batch per
// transaction, walking the (name_key, uuid) index, so running it again with nothing to do is
// one index probe. Rows written by the new code never have an empty key. deleted_orders got its
// key later (deleted_orders_name_key) and is filled in the same way.

const batchSize = 1_000;
const tables = ["orders", "deleted_orders"] as const;
const selectBatch = (table: string) =>
  `SELECT uuid, name FROM ${table} WHERE name_key = '' AND uuid > $1 ORDER BY uuid LIMIT $2`;
const updateRow = (table: string) => `UPDATE ${table} SET name_key = $1, name_folded = $2 WHERE uuid = $3`;

type Row = { uuid: string; name: string };

/** Fills in name_key and name_folded where the key is missing; answers how many rows it changed. */
export async function backfillNameKeys(database: DatabaseConfig): Promise<number> {
  return database.provider === "postgresql" ? backfillPostgres(database.url) : backfillSqlite(database.file);
}

async function backfillSqlite(file: string): Promise<number> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  try {
    let changed = 0;
    for (const table of tables) {
      const select = db.prepare<[string, number], Row>(selectBatch(table).replace(/\$\d/g, "?"));
      const update = db.prepare(updateRow(table).replace(/\$\d/g, "?"));
      const fill = db.transaction((rows: Row[]) => {
        for (const row of rows) update.run(nameSortKey(row.name), foldName(row.name), row.uuid);
      });
      for (let after = ""; ;) {
        const rows = select.all(after, batchSize);
        if (rows.length === 0) break;
        fill(rows);
        changed += rows.length;
        after = rows.at(-1)!.uuid;
      }
    }
    return changed;
  } finally {
    db.close();
  }
}

async function backfillPostgres(url: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: postgresConnectTimeoutMs });
  await client.connect();
  try {
    let changed = 0;
    for (const table of tables) {
      for (let after = ""; ;) {
        const { rows } = await client.query<Row>(selectBatch(table), [after, batchSize]);
        if (rows.length === 0) break;
        await client.query("BEGIN");
        try {
          for (const row of rows) {
            await client.query(updateRow(table), [nameSortKey(row.name), foldName(row.name), row.uuid]);
          }
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
        changed += rows.length;
        after = rows.at(-1)!.uuid;
      }
    }
    return changed;
  } finally {
    await client.end();
  }
}
