import { Prisma } from "../db/generated/sqlite/client";
import type { Order as OrderRow, PrismaClient } from "../db/generated/sqlite/client";
import { OrderAlreadyExists, OrderNotFound, OrderStoreFault, OrderStoreUnavailable, OrderWriteConflict } from "./order-errors";
import { classifyStoreFault } from "./store-fault";

export type { OrderRow };
export type SortField = "date" | "name" | "createTime";
export type OrderSort = { field: SortField; descending: boolean };
export type OrderFilter = { completed?: boolean; nameContains?: string };
/** A row position in a listing: read the rows after (or before) it in sort order. */
export type RowCursor = { direction: "after" | "before"; key: Date | string; uuid: string };
export type OrderChanges = Partial<Pick<OrderRow, "name" | "completed" | "date">>;

/** The query API; both providers' clients are generated from the one model, so they share it. */
export type Db = PrismaClient;

// Prisma turns `contains` into LIKE without escaping its wildcards (prisma/prisma#19506), and
// SQLite's LIKE has no escape character. So %, _ and PostgreSQL's escape \ are folded into
// control characters, which names cannot contain: stored and searched alike, they match literally.
const likeSpecials: Record<string, string> = { "%": "\u0001", _: "\u0002", "\\": "\u0003" };

/** Folds a name for case-insensitive search; the same fold is stored and applied to queries. */
export function foldName(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[%_\\]/g, (special) => likeSpecials[special] ?? special);
}

// Prisma's "record to update/delete does not exist"; the code is the same for both clients.
function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2025";
}

function filterWhere(filter: OrderFilter): Prisma.OrderWhereInput {
  return {
    ...(filter.completed !== undefined && { completed: filter.completed }),
    ...(filter.nameContains && { nameFolded: { contains: foldName(filter.nameContains) } }),
  };
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;

/** Orders in the database that `connect` opens (once; it may reject while the database is down). */
export function createOrderRepository(connect: () => Promise<Db>) {
  // Every database call goes through here, so a database error surfaces as a domain error
  // saying whether a retry can help, and never as a Prisma message with SQL or paths in it.
  async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await work(await connect());
    } catch (error) {
      if (error instanceof OrderNotFound) throw error;
      switch (classifyStoreFault(error)) {
        case "unavailable":
          throw new OrderStoreUnavailable(error);
        case "conflict":
          throw new OrderWriteConflict(error);
        case "duplicate":
          throw new OrderAlreadyExists(error);
        case "internal":
          throw new OrderStoreFault(error);
      }
    }
  }

  return {
    create(order: Pick<OrderRow, "uuid" | "name" | "completed" | "date">): Promise<OrderRow> {
      const now = new Date();
      return withDb((db) =>
        db.order.create({ data: { ...order, nameFolded: foldName(order.name), createTime: now, updateTime: now } }),
      );
    },

    find(uuid: string): Promise<OrderRow> {
      return withDb(async (db) => {
        const row = await db.order.findUnique({ where: { uuid } });
        if (!row) throw new OrderNotFound(uuid);
        return row;
      });
    },

    update(uuid: string, changes: OrderChanges): Promise<OrderRow> {
      return withDb((db) =>
        db.order
          .update({
            where: { uuid },
            data: {
              ...changes,
              ...(changes.name !== undefined && { nameFolded: foldName(changes.name) }),
              updateTime: new Date(),
            },
          })
          .catch((error: unknown) => {
            throw isRecordNotFound(error) ? new OrderNotFound(uuid) : error;
          }),
      );
    },

    remove(uuid: string): Promise<void> {
      return withDb(async (db) => {
        const { count } = await db.order.deleteMany({ where: { uuid } });
        if (count === 0) throw new OrderNotFound(uuid);
      });
    },

    /**
     * Up to `take` rows in sort order, starting after (or ending before) the cursor.
     * Keyset pagination: each page is an index range scan on (sort key, uuid), so page
     * 200 costs what page 1 costs. Rows read backwards come back in reading order (reversed).
     */
    page(filter: OrderFilter, sort: OrderSort, cursor: RowCursor | undefined, take: number): Promise<OrderRow[]> {
      const backwards = cursor?.direction === "before";
      const direction = sort.descending !== backwards ? "desc" : "asc";
      const beyond = direction === "desc" ? "lt" : "gt";
      const where: Prisma.OrderWhereInput = cursor
        ? {
            AND: [
              filterWhere(filter),
              {
                OR: [
                  { [sort.field]: { [beyond]: cursor.key } },
                  { [sort.field]: cursor.key, uuid: { [beyond]: cursor.uuid } },
                ],
              },
            ],
          }
        : filterWhere(filter);
      return withDb((db) =>
        db.order.findMany({ where, orderBy: [{ [sort.field]: direction }, { uuid: direction }], take }),
      );
    },

    /**
     * How many rows match the filter: the same conditions as filterWhere, written as SQL.
     * Prisma's count() wraps them in `SELECT COUNT(*) FROM (SELECT uuid ... LIMIT -1)`, which
     * SQLite runs as a co-routine stepping every row: 0.4 ms for 10,000 orders, against
     * 0.03 ms for a plain COUNT(*) over the primary key index, on every ListOrders call.
     * Both providers map the table and columns to these names and accept this SQL.
     */
    count(filter: OrderFilter): Promise<number> {
      const conditions = [
        ...(filter.completed !== undefined ? [Prisma.sql`completed = ${filter.completed}`] : []),
        // As Prisma's `contains`: LIKE '%text%', wildcards already folded away by foldName.
        ...(filter.nameContains ? [Prisma.sql`name_folded LIKE ${`%${foldName(filter.nameContains)}%`}`] : []),
      ];
      const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
      return withDb(async (db) => {
        // COUNT(*) is a 64-bit integer; the drivers hand it back as a bigint, number or string.
        const [result] = await db.$queryRaw<
          { total: bigint | number | string }[]
        >`SELECT COUNT(*) AS total FROM orders ${where}`;
        return Number(result?.total ?? 0);
      });
    },
  };
}
