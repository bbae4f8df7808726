import type { DatabaseConfig } from "../../server/config.js";
import type { SeedRow } from "./seed-orders";

/** Writes batches of seed rows; close() when done. */
export type SeedWriter = { write(rows: SeedRow[]): Promise<void>; close(): Promise<void> };

// The drivers directly, not Prisma: a million rows through the query compiler costs minutes.
// The columns and value formats are the ones Prisma writes (SQLite: ISO text with +00:00
// dates and 0/1 booleans), and the triggers keep counts and the search index as for any write.
export async function openSeedWriter(database: DatabaseConfig): Promise<SeedWriter> {
  if (database.provider === "postgresql") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      // One statement per batch: arrays in, unnest out (one round trip, one trigger run).
      async write(rows) {
        await client.query(
          `INSERT INTO orders (uuid, name, name_folded, name_key, completed, date, create_time, update_time)
           SELECT u, n, f, k, c, d, t, t FROM unnest($1::text[], $2::text[], $3::text[], $7::text[], $4::bool[], $5::timestamptz[], $6::timestamptz[])
             AS s(u, n, f, k, c, d, t)`,
          [
            rows.map((row) => row.uuid),
            rows.map((row) => row.name),
            rows.map((row) => row.nameFolded),
            rows.map((row) => row.completed),
            rows.map((row) => row.date.toISOString()),
            rows.map((row) => row.createTime.toISOString()),
            rows.map((row) => row.nameKey),
          ],
        );
      },
      // Fresh statistics before anyone reads: without them the planner guesses a rare name
      // search matches many rows and scans the table (1.4 s instead of 15 ms at a million orders).
      close: async () => {
        await client.query("ANALYZE orders");
        await client.end();
      },
    };
  }
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(database.file);
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  // Room for the indexes (uuid, three sort keys, the trigram index) while they grow: with
  // SQLite's 2 MB default every insert past a few hundred thousand rows reads pages back.
  db.pragma("cache_size = -524288");
  const insert = db.prepare(
    "INSERT INTO orders (uuid, name, name_folded, name_key, completed, date, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const writeBatch = db.transaction((rows: SeedRow[]) => {
    for (const row of rows) {
      const created = sqliteDate(row.createTime);
      insert.run(
        row.uuid,
        row.name,
        row.nameFolded,
        row.nameKey,
        row.completed ? 1 : 0,
        sqliteDate(row.date),
        created,
        created,
      );
    }
  });
  return {
    write: (rows) => Promise.resolve(writeBatch(rows)),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}
