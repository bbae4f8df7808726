import type { Store } from "../db/store";
import { clientBlock } from "../security/client-address";

const second = 1000;
const hour = 60 * 60 * second;

type Limit = {
  /** Failures allowed before each further attempt has to wait. */
  free: number;
  /** How long the attempt after `over` failures beyond the allowance waits (0: the first one over). */
  waitMs: (over: number) => number;
  /** Failures this long ago (counted from the latest) are forgotten. */
  forgetAfterMs: number;
};

// 1 s after the first failure over the allowance, then doubling: 5 more guesses cost a minute,
// 15 more cost hours.
const doubling = (over: number) => Math.min(second * 2 ** over, 15 * 60 * second);

/**
 * Three counts of failed sign-ins, after OWASP's Authentication Cheat Sheet ("Account
 * Lockout": a threshold, an observation window and a lockout duration for each, and a lockout
 * that must not let anyone lock others out) and ASVS 2.2.1 (no more than 100 failed attempts
 * an hour on one account):
 * - **pair**: one account from one client (an address, or an IPv6 /64): 5 free, then 1 s,
 *   doubling to 15 minutes, forgotten after a day. The guesser slows down; the account's owner
 *   elsewhere does not.
 * - **address**: every account from one client: 20 free (people behind one NAT share it), then
 *   the same. Guessing many accounts from one place is slowed too.
 * - **account**: one account from everywhere, against guessing spread over many addresses: 50
 *   free, then one attempt per 72 s (so at most 100 failures in any hour), forgotten after an
 *   hour without one. It refuses the right password too, but only for those 72 s.
 */
const limits = {
  pair: { free: 5, waitMs: doubling, forgetAfterMs: 24 * hour },
  address: { free: 20, waitMs: doubling, forgetAfterMs: 24 * hour },
  account: { free: 50, waitMs: () => 72 * second, forgetAfterMs: hour },
} satisfies Record<string, Limit>;

export type ThrottleKey = `${keyof typeof limits}:${string}`;

/**
 * The counts an attempt at `username` from `address` goes into. Unknown usernames are counted
 * like real ones (an answer must not tell them apart), cut to the longest a username can be.
 */
export function throttleKeys(username: string, address: string): ThrottleKey[] {
  const client = clientBlock(address);
  const account = username.slice(0, 64);
  // A space separates them: addresses never contain one.
  return [`pair:${client} ${account}`, `address:${client}`, `account:${account}`];
}

function limitOf(key: ThrottleKey): Limit {
  return limits[key.slice(0, key.indexOf(":")) as keyof typeof limits];
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
    const limit = limitOf(key);
    const sinceMs = now.getTime() - entry.lastFailure.getTime();
    if (sinceMs > limit.forgetAfterMs) {
      await store.signInThrottles.clear(key);
      continue;
    }
    const over = entry.failures - limit.free;
    if (over >= 0) waitMs = Math.max(waitMs, limit.waitMs(over) - sinceMs);
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
 * After a wrong password: the wait starts now, when the failure is known, not when its attempt
 * was counted; otherwise a slow hash (a busy machine) would eat into the wait it announces.
 */
export async function countFailure(store: Store, keys: ThrottleKey[], now = new Date()): Promise<void> {
  await store.signInThrottles.restartWait(keys, now);
}

/**
 * After the correct password: forgets this client's failures at this account, and takes back
 * this attempt everywhere else. The address's earlier failures stay (signing in to one's own
 * account must not reset guessing at others'), and so do the account's (its owner signing in
 * must not hand a spread-out guesser a fresh allowance).
 */
export async function countSuccess(store: Store, keys: ThrottleKey[]): Promise<void> {
  for (const key of keys) {
    if (key.startsWith("pair:")) await store.signInThrottles.clear(key);
    else await store.signInThrottles.forgiveOne(key);
  }
}
