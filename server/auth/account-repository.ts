import type { Account } from "../db/generated/sqlite/client";
import { credentialsChanged } from "./credential-cache";
import type { Db } from "../orders/order-repository";
import type { Role } from "./permissions";

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
    /** Every account, the owner first, then by username. */
    async list(): Promise<Account[]> {
      const accounts = await (await connect()).account.findMany({ orderBy: { username: "asc" } });
      return accounts.sort((a, b) => Number(b.role === "owner") - Number(a.role === "owner"));
    },
    async findOwner(): Promise<Account | null> {
      return (await connect()).account.findFirst({ where: { role: "owner" } });
    },
    /**
     * Creates the owner when no account exists yet, in one serializable transaction so that two
     * first visits racing cannot both become owner. Resolves to undefined when one already exists.
     */
    async createOwner(account: Omit<Account, "role">): Promise<Account | undefined> {
      const db = await connect();
      return db.$transaction(
        async (tx) => {
          if ((await tx.account.count()) > 0) return undefined;
          return tx.account.create({ data: { ...account, role: "owner" } });
        },
        { isolationLevel: "Serializable" },
      );
    },
    /** Adds a member (an editor or a viewer); resolves to undefined when the username is taken. */
    async create(account: Account & { role: Exclude<Role, "owner"> }): Promise<Account | undefined> {
      const db = await connect();
      return db.$transaction(async (tx) => {
        if (await tx.account.findUnique({ where: { username: account.username } })) return undefined;
        return tx.account.create({ data: account });
      });
    },
    /** Changes a member's role (never the owner's); resolves to the account, or undefined when there is no such member. */
    async setRole(id: string, role: Exclude<Role, "owner">): Promise<Account | undefined> {
      const db = await connect();
      const { count } = await db.account.updateMany({ where: { id, role: { not: "owner" } }, data: { role } });
      // Cached credentials carry the role: they are verified again.
      credentialsChanged();
      return count > 0 ? ((await db.account.findUnique({ where: { id } })) ?? undefined) : undefined;
    },
    /**
     * Sets a new password hash and ends the account's sessions, all but `keepSession` (the
     * caller's own, when people change their own password), with their open streams.
     */
    async setPassword(id: string, passwordHash: string, keepSession?: string): Promise<boolean> {
      const db = await connect();
      const changed = await db.$transaction(async (tx) => {
        const { count } = await tx.account.updateMany({ where: { id }, data: { passwordHash } });
        if (count === 0) return false;
        await tx.session.deleteMany({
          where: { accountId: id, ...(keepSession !== undefined && { idHash: { not: keepSession } }) },
        });
        return true;
      });
      credentialsChanged();
      return changed;
    },
    /** Removes a non-owner account with its sessions and tokens; resolves to it, or undefined when there is none. */
    async remove(id: string): Promise<Account | undefined> {
      const db = await connect();
      const removed = await db.$transaction(async (tx) => {
        const account = await tx.account.findUnique({ where: { id } });
        if (!account || account.role === "owner") return undefined;
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
