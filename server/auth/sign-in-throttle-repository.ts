import type { SignInThrottle } from "../db/generated/sqlite/client";
import type { Db } from "../orders/order-repository";

export type { SignInThrottle };

/** Counts of recent failed sign-ins per key ("account:…", "address:…"). */
export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;

export function createSignInThrottleRepository(connect: () => Promise<Db>) {
  return {
    async find(key: string): Promise<SignInThrottle | null> {
      return (await connect()).signInThrottle.findUnique({ where: { key } });
    },
    async recordFailure(key: string, now: Date): Promise<void> {
      await (
        await connect()
      ).signInThrottle.upsert({
        where: { key },
        create: { key, failures: 1, lastFailure: now },
        update: { failures: { increment: 1 }, lastFailure: now },
      });
    },
    /** Moves the keys' last failure to `now`, in one statement: the wait runs from when the failure was known. */
    async restartWait(keys: readonly string[], now: Date): Promise<void> {
      await (
        await connect()
      ).signInThrottle.updateMany({ where: { key: { in: [...keys] } }, data: { lastFailure: now } });
    },
    /** Takes back one counted failure (an attempt that turned out to succeed). */
    async forgiveOne(key: string): Promise<void> {
      await (
        await connect()
      ).signInThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
    },
    async clear(key: string): Promise<void> {
      await (await connect()).signInThrottle.deleteMany({ where: { key } });
    },
  };
}
