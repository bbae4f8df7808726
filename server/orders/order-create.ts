import { Prisma } from "../db/generated/sqlite/client";
import type { OrderRequest as OrderRequestRow } from "../db/generated/sqlite/client";
import { groupCommit } from "./group-commit";
import type { Actor } from "./order-actor";
import { historyEntry, insertHistorySql } from "./order-history";
import type { HistoryRow } from "./order-history";
import { insertOrdersSql } from "./order-insert";
import { RequestedOrderDeleted, RequestIdReused } from "./order-errors";
import type { Db, OrderRow } from "./order-repository";
import { transactionLimits } from "../db/transaction-limits";

/** What a create with a request_id remembers of it (AIP-155). */
export type CreateRequest = { requestId: string; fingerprint: string };

type Write = { row: OrderRow; by: Actor; request?: CreateRequest };
/** The order a write created, or the request stored before it with the same request_id. */
type Written = { created: OrderRow } | { stored: OrderRequestRow };

// Creates per group: 8 columns each stays far below SQLite's 32,766 and PostgreSQL's 65,535
// bind parameters, and a group is one statement per table either way.
const maxCreateGroup = 500;

const createdEntry = ({ row, by }: Write) => historyEntry("created", { after: row }, by, row.createTime);

const requestRow = ({ row, request }: Write) =>
  request ? [{ ...request, orderUuid: row.uuid, createTime: row.createTime }] : [];

/**
 * Stores the request_ids nobody stored before; answers those it stored. A request_id another
 * transaction is storing waits for it (PostgreSQL), so the read that follows finds it.
 */
function claimSql(requests: ReturnType<typeof requestRow>): Prisma.Sql {
  const values = requests.map((r) => Prisma.sql`(${r.requestId}, ${r.orderUuid}, ${r.fingerprint}, ${r.createTime})`);
  return Prisma.sql`INSERT INTO order_requests (request_id, order_uuid, fingerprint, create_time)
    VALUES ${Prisma.join(values)} ON CONFLICT (request_id) DO NOTHING RETURNING request_id`;
}

/**
 * Creates orders, concurrent ones committed together (see group-commit.ts), each with its
 * "created" history entry and its request_id when it has one, in the same transaction. A request_id already stored answers the
 * order it created instead, without failing the rest of its group. Within the process,
 * duplicates in flight share one write; between processes, the request_id's primary key decides.
 */
export function createOrderCreator(
  withDb: <T>(work: (db: Db) => Promise<T>) => Promise<T>,
  find: (uuid: string) => Promise<OrderRow | null>,
  /** Stores rows and their history entries in one transaction of their own. */
  insert: (rows: readonly OrderRow[], entries: readonly HistoryRow[]) => Promise<void>,
) {
  async function commit(group: Write[]): Promise<Written[]> {
    const requests = group.flatMap(requestRow);
    if (requests.length === 0) {
      const rows = group.map(({ row }) => row);
      await insert(rows, group.map(createdEntry));
      return rows.map((created) => ({ created }));
    }
    return withDb((db) =>
      db.$transaction(async (tx) => {
        const claimed = new Set(
          (await tx.$queryRaw<{ request_id: string }[]>(claimSql(requests))).map((row) => row.request_id),
        );
        const fresh = group.filter(({ request }) => !request || claimed.has(request.requestId));
        if (fresh.length > 0) {
          await tx.$executeRaw(insertOrdersSql(fresh.map(({ row }) => row)));
          await tx.$executeRaw(insertHistorySql(fresh.map(createdEntry)));
        }
        const taken = requests.filter(({ requestId }) => !claimed.has(requestId)).map(({ requestId }) => requestId);
        const stored = new Map(
          (taken.length === 0 ? [] : await tx.orderRequest.findMany({ where: { requestId: { in: taken } } })).map(
            (row) => [row.requestId, row],
          ),
        );
        return group.map(({ row, request }): Written => {
          // Every column is written, so the stored row is the row passed in.
          if (!request || claimed.has(request.requestId)) return { created: row };
          const before = stored.get(request.requestId);
          // Pruned between the insert and the read: the group fails, and is retried one by one.
          if (!before) throw new Error(`request_id ${request.requestId} vanished`);
          return { stored: before };
        });
      }, transactionLimits),
    );
  }

  const write = groupCommit<Write, Written>({
    maxGroup: maxCreateGroup,
    writeOne: async (one) => (await commit([one]))[0]!,
    writeGroup: commit,
  });

  async function answer(written: Written, request: CreateRequest | undefined): Promise<OrderRow> {
    if ("created" in written) return written.created;
    if (written.stored.fingerprint !== request?.fingerprint) throw new RequestIdReused(written.stored.requestId);
    // The order as it is now: a retry learns of the changes made since, as a read would.
    const order = await find(written.stored.orderUuid);
    if (!order) throw new RequestedOrderDeleted(written.stored.requestId, written.stored.orderUuid);
    return order;
  }

  const inFlight = new Map<string, { fingerprint: string; created: Promise<OrderRow> }>();

  return async function create(row: OrderRow, by: Actor, request?: CreateRequest): Promise<OrderRow> {
    if (!request) return answer(await write({ row, by }), undefined);
    const pending = inFlight.get(request.requestId);
    if (pending?.fingerprint === request.fingerprint) return pending.created;
    // Another payload under the same id: whatever the first call stored decides (below).
    if (pending) await pending.created.catch(() => undefined);
    const created = write({ row, by, request }).then((written) => answer(written, request));
    const entry = { fingerprint: request.fingerprint, created };
    inFlight.set(request.requestId, entry);
    const forget = () => {
      if (inFlight.get(request.requestId) === entry) inFlight.delete(request.requestId);
    };
    created.then(forget, forget);
    return created;
  };
}
