import type { Account, Session } from "../db/generated/sqlite/client";
import type { Db } from "../orders/order-repository";
import { credentialsChanged } from "./credential-cache";

/** Stored browser sessions, found by the keyed hash of their cookie value. */
export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(connect: () => Promise<Db>) {
  return {
    async create(session: Session): Promise<void> {
      await (await connect()).session.create({ data: session });
    },
    async find(idHash: string): Promise<(Session & { account: Account }) | null> {
      return (await connect()).session.findUnique({ where: { idHash }, include: { account: true } });
    },
    /** The expiry of each of these sessions that still exists (ended ones are missing). */
    async expiries(idHashes: readonly string[]): Promise<Map<string, Date>> {
      const rows = await (
        await connect()
      ).session.findMany({ where: { idHash: { in: [...idHashes] } }, select: { idHash: true, expireTime: true } });
      return new Map(rows.map((row) => [row.idHash, row.expireTime]));
    },
    async extend(idHash: string, expireTime: Date): Promise<void> {
      await (await connect()).session.updateMany({ where: { idHash }, data: { expireTime } });
    },
    async remove(idHash: string): Promise<void> {
      await (await connect()).session.deleteMany({ where: { idHash } });
      credentialsChanged();
    },
    /** Drops sessions that ended before `now`; run on sign-in so the table does not grow forever. */
    async removeExpired(now: Date): Promise<void> {
      await (await connect()).session.deleteMany({ where: { expireTime: { lt: now } } });
    },
  };
}
