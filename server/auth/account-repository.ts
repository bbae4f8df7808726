import type { Account } from "../db/generated/sqlite/client";
import { credentialsChanged } from "./credential-cache";
import type { Db } from "../orders/order-repository";

export type { Account };

/** Stored accounts. Usernames are kept lowercased, so lookups are case-insensitive everywhere. */
export type AccountRepository = ReturnType<typeof createAccountRepository>;

export function createAccountRepository(connect: () => Promise<Db>) {
  return {
    async count(): Promise<number> {
      return (await connect()).account.count();
    },
    async findByUsername(username: string): Promise<Account | null> {
      return (await connect()).account.findUnique({ where: { username } });
    },
    async findById(id: string): Promise<Account | null> {
      return (await connect()).account.findUnique({ where: { id } });
    },
    async list(): Promise<Account[]> {
      return (await connect()).account.findMany({ orderBy: [{ owner: "desc" }, { username: "asc" }] });
    },
    /**
     * Creates the owner when no account exists yet, in one serializable transaction so that two
     * first visits racing cannot both become owner. Resolves to undefined when one already exists.
     */
    async createOwner(account: Omit<Account, "owner">): Promise<Account | undefined> {
      const db = await connect();
      return db.$transaction(
        async (tx) => {
          if ((await tx.account.count()) > 0) return undefined;
          return tx.account.create({ data: { ...account, owner: true } });
        },
        { isolationLevel: "Serializable" },
      );
    },
    /** Resolves to undefined when the username is taken. */
    async create(account: Omit<Account, "owner">): Promise<Account | undefined> {
      const db = await connect();
      return db.$transaction(async (tx) => {
        if (await tx.account.findUnique({ where: { username: account.username } })) return undefined;
        return tx.account.create({ data: { ...account, owner: false } });
      });
    },
    /** Removes a non-owner account with its sessions and tokens; resolves to it, or undefined when there is none. */
    async remove(id: string): Promise<Account | undefined> {
      const db = await connect();
      const removed = await db.$transaction(async (tx) => {
        const account = await tx.account.findUnique({ where: { id } });
        if (!account || account.owner) return undefined;
        // Deleted explicitly: SQLite enforces the schema's cascades only with foreign_keys on.
        await tx.session.deleteMany({ where: { accountId: id } });
        await tx.apiToken.deleteMany({ where: { accountId: id } });
        await tx.account.delete({ where: { id } });
        return account;
      });
      credentialsChanged();
      return removed;
    },
  };
}
