/**
 * Credentials verified in the last few seconds, so a busy caller's JWT verification and its
 * token or session lookup run once per `ttlMs`, not on every call (they were the largest cost
 * of a ReadOrder). The price: a token revoked, a session ended or an account removed by
 * another process (another instance, a script) is still accepted here for up to `ttlMs`; when
 * this process makes the change, {@link credentialsChanged} empties its caches at once. An
 * entry never outlives the credential's own expiry. Refusals are not kept: a bad credential
 * is checked, and refused, every time.
 */
export type CredentialCache<Value> = {
  /** The value kept for this credential, while its entry is fresh. */
  get(credential: string): Value | undefined;
  /** Keeps a verified credential's value until `ttlMs` from now or `expiresAt`, whichever is first. */
  set(credential: string, value: Value, expiresAt: number): void;
  /** Drops a credential found to have ended. */
  forget(credential: string): void;
};

// On globalThis: the API route, the gRPC listener and the server actions are separate bundles
// of one process, each with its own copy of this module.
const shared = globalThis as typeof globalThis & {
  ordersCredentialChanges?: number;
  ordersCredentialEvents?: EventTarget;
};
const changeEvents = (shared.ordersCredentialEvents ??= new EventTarget());

/**
 * Makes every credential cache of this process verify again, and every open stream check its
 * credential now. Called wherever a credential is taken back (token revoked, session ended,
 * account removed) and when another instance says it took one back; rare enough to drop everything.
 */
export function credentialsChanged(): void {
  shared.ordersCredentialChanges = (shared.ordersCredentialChanges ?? 0) + 1;
  changeEvents.dispatchEvent(new Event("change"));
}

/** Calls `listener` after every {@link credentialsChanged} in this process; returns the way to stop. */
export function onCredentialsChanged(listener: () => void): () => void {
  changeEvents.addEventListener("change", listener);
  return () => changeEvents.removeEventListener("change", listener);
}

export function createCredentialCache<Value>({
  ttlMs,
  maxEntries = 10_000,
  now = Date.now,
}: {
  /** How long a revoked credential may still be accepted; 0 turns the cache off. */
  ttlMs: number;
  /** Bounds memory however many distinct credentials arrive; the oldest entry leaves first. */
  maxEntries?: number;
  now?: () => number;
}): CredentialCache<Value> {
  // A Map iterates in insertion order: its first key is the oldest entry.
  const entries = new Map<string, { value: Value; until: number }>();
  let changesSeen = shared.ordersCredentialChanges;
  return {
    get(credential) {
      if (changesSeen !== shared.ordersCredentialChanges) {
        changesSeen = shared.ordersCredentialChanges;
        entries.clear();
      }
      const entry = entries.get(credential);
      if (entry === undefined) return undefined;
      if (now() < entry.until) return entry.value;
      entries.delete(credential);
      return undefined;
    },
    set(credential, value, expiresAt) {
      const until = Math.min(now() + ttlMs, expiresAt);
      if (until <= now()) return;
      entries.delete(credential);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(credential, { value, until });
    },
    forget(credential) {
      entries.delete(credential);
    },
  };
}
