import type { Store } from "../db/store";

/**
 * Failed sign-ins allowed before each further attempt has to wait. An address gets more than
 * an account because several people may share one (an office, a carrier's NAT).
 */
const freeFailures = { account: 5, address: 20 } as const;
const maxDelayMs = 15 * 60 * 1000;
// Failures this old are forgotten: a typo last week costs nothing today.
const forgetAfterMs = 24 * 60 * 60 * 1000;

export type ThrottleKey = `${keyof typeof freeFailures}:${string}`;

function delayMs(key: ThrottleKey, failures: number): number {
  const kind = key.slice(0, key.indexOf(":")) as keyof typeof freeFailures;
  const over = failures - freeFailures[kind];
  // 1 s after the first failure over the allowance, then doubling: 5 more guesses cost a
  // minute, 15 more cost hours.
  return over < 0 ? 0 : Math.min(1000 * 2 ** over, maxDelayMs);
}

/**
 * Seconds until the next attempt is allowed under every key (0: now). The wait grows with each
 * failure and is served before the password is even looked at, so guessing is slowed for real.
 */
export async function secondsUntilAllowed(store: Store, keys: ThrottleKey[], now = new Date()): Promise<number> {
  let waitMs = 0;
  for (const key of keys) {
    const entry = await store.signInThrottles.find(key);
    if (!entry) continue;
    const sinceMs = now.getTime() - entry.lastFailure.getTime();
    if (sinceMs > forgetAfterMs) {
      await store.signInThrottles.clear(key);
      continue;
    }
    waitMs = Math.max(waitMs, delayMs(key, entry.failures) - sinceMs);
  }
  return Math.ceil(waitMs / 1000);
}

/**
 * Counts the attempt as a failure under every key before the password is checked: a burst of
 * parallel guesses then meets the throttle too, instead of all passing the check at once.
 */
export async function countAttempt(store: Store, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const key of keys) await store.signInThrottles.recordFailure(key, now);
}

/**
 * After the correct password: forgets the account's failures, and takes back this attempt at
 * the address. The address's earlier failures stay, so signing in to one's own account does
 * not reset the count while guessing other people's passwords.
 */
export async function countSuccess(store: Store, username: string, address: string): Promise<void> {
  await store.signInThrottles.clear(`account:${username}`);
  await store.signInThrottles.forgiveOne(`address:${address}`);
}
