import { Prisma } from "../db/generated/sqlite/client";
import type { DatabaseConfig } from "../config.js";
import type { OrderFilter, OrderSort, RowCursor } from "./order-repository";

/** The filters beside the name search: completed state and date range. */
export type RowFilter = Pick<OrderFilter, "completed" | "dateFrom" | "dateTo">;

type Provider = DatabaseConfig["provider"];

/**
 * A name search counts its matches exactly up to this many; past it, total_size is an
 * estimate (AIP-158), so a common search does not count 300,000 rows on every page.
 */
export const exactSearchCountCap = 10_000;
/** Rows sampled (in storage order) to estimate how many match once the cap is passed. */
const estimateSampleSize = 10_000;

/**
 * PostgreSQL's trigram index answers a capped count only after gathering every match (a GIN
 * bitmap): 20 ms for a word in 5 % of a million names. So a random sample of about this many
 * rows, half a millisecond, comes first there, and a search it finds common is estimated
 * without counting.
 */
export const searchProbeRows = 2_000;
/**
 * Past this many estimated matches the probe's estimate stands. Four times the cap: a search
 * with fewer matches than the cap would need a sample four times its share to reach it.
 */
export const estimateWithoutCountingAbove = 4 * exactSearchCountCap;

/** Storage columns of the sort fields, for SQL written by hand. */
const sortColumns = { date: Prisma.raw("date"), name: Prisma.raw("name_key"), createTime: Prisma.raw("create_time") };

/**
 * SQLite answers substring searches of 3+ characters from its FTS5 trigram index; shorter
 * ones (no whole trigram) scan. PostgreSQL's planner picks its trigram index for the plain
 * LIKE by itself, so it needs no SQL of its own.
 */
export function usesTrigramIndex(provider: Provider, folded: string): boolean {
  return provider === "sqlite" && [...folded].length >= 3;
}

// A phrase query: the trigrams of the text, in a row. With `case_sensitive 1` and text that
// is already folded, a name matches exactly when it contains the text.
const ftsPhrase = (folded: string) => `"${folded.replaceAll('"', '""')}"`;

/** `AND …` for each filter that is set, on the table `alias` names ("o." or empty). */
function rowFilterSql({ completed, dateFrom, dateTo }: RowFilter, alias: Prisma.Sql): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (completed !== undefined) parts.push(Prisma.sql`AND ${alias}completed = ${completed}`);
  if (dateFrom !== undefined) parts.push(Prisma.sql`AND ${alias}date >= ${dateFrom}`);
  if (dateTo !== undefined) parts.push(Prisma.sql`AND ${alias}date < ${dateTo}`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, " ");
}

/** `WHERE …` for the filters that are set, or nothing. */
function whereSql(filter: RowFilter): Prisma.Sql {
  return isFiltered(filter) ? Prisma.sql`WHERE 1 = 1 ${rowFilterSql(filter, Prisma.empty)}` : Prisma.empty;
}

/** True when a filter beside the name search is set. */
export const isFiltered = (filter: RowFilter) =>
  filter.completed !== undefined || filter.dateFrom !== undefined || filter.dateTo !== undefined;

/** SQL counting the rows matching a name search (and completed state), stopping at cap + 1. */
export function cappedSearchCountSql(provider: Provider, folded: string, filter: RowFilter): Prisma.Sql {
  const limit = exactSearchCountCap + 1;
  if (usesTrigramIndex(provider, folded)) {
    const matches = !isFiltered(filter)
      ? Prisma.sql`SELECT 1 FROM orders_fts WHERE orders_fts MATCH ${ftsPhrase(folded)} LIMIT ${limit}`
      : Prisma.sql`SELECT 1 FROM orders_fts JOIN orders o ON o.rowid = orders_fts.rowid
            WHERE orders_fts MATCH ${ftsPhrase(folded)} ${rowFilterSql(filter, Prisma.raw("o."))} LIMIT ${limit}`;
    return Prisma.sql`SELECT COUNT(*) AS total FROM (${matches}) AS m`;
  }
  // As Prisma's `contains`: LIKE '%text%', wildcards already folded away by foldName.
  return Prisma.sql`SELECT COUNT(*) AS total FROM (
    SELECT 1 FROM orders WHERE name_folded LIKE ${`%${folded}%`} ${rowFilterSql(filter, Prisma.empty)} LIMIT ${limit}
  ) AS m`;
}

/**
 * SQL for the share of a sample of rows that match, to extrapolate a count past the cap:
 * the first rows in storage order, which is insertion order and says nothing about names.
 */
export function searchSampleSql(folded: string, filter: RowFilter): Prisma.Sql {
  const where = whereSql(filter);
  return Prisma.sql`SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN name_folded LIKE ${`%${folded}%`} THEN 1 ELSE 0 END), 0) AS hits
    FROM (SELECT name_folded FROM orders ${where} LIMIT ${estimateSampleSize}) AS s`;
}

/** PostgreSQL: the share of matches among about searchProbeRows rows of random table blocks. */
export function searchProbeSql(folded: string, filter: RowFilter, tableTotal: number): Prisma.Sql {
  const percent = Math.min(100, (100 * searchProbeRows) / Math.max(1, tableTotal));
  const where = whereSql(filter);
  return Prisma.sql`SELECT COUNT(*) AS sampled, COALESCE(SUM(CASE WHEN name_folded LIKE ${`%${folded}%`} THEN 1 ELSE 0 END), 0) AS hits
    FROM orders TABLESAMPLE SYSTEM (${percent}) ${where}`;
}

/**
 * SQLite: uuids of one page of a rare name search, in sort order, from the trigram index.
 * The matches are few (at most the cap), so they are read by rowid and sorted (`+column`
 * keeps SQLite from walking the sort index instead, which for a rare name reads every row).
 */
export function trigramPageSql(
  folded: string,
  filter: RowFilter,
  sort: OrderSort,
  cursor: RowCursor | undefined,
  take: number,
  descending: boolean,
): Prisma.Sql {
  const column = sortColumns[sort.field];
  const [beyond, direction] = descending ? [Prisma.raw("<"), Prisma.raw("DESC")] : [Prisma.raw(">"), Prisma.raw("ASC")];
  const after = cursor
    ? Prisma.sql`AND (o.${column} ${beyond} ${cursor.key} OR (o.${column} = ${cursor.key} AND o.uuid ${beyond} ${cursor.uuid}))`
    : Prisma.empty;
  return Prisma.sql`SELECT o.uuid FROM orders o
    WHERE o.rowid IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ${ftsPhrase(folded)})
      ${rowFilterSql(filter, Prisma.raw("o."))} ${after}
    ORDER BY +o.${column} ${direction}, o.uuid ${direction} LIMIT ${take}`;
}
