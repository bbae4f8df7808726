import { Code, ConnectError } from "@connectrpc/connect";
import type { Store } from "../db/store";
import { onCredentialsChanged } from "./credential-cache";
import { recheckGrants } from "./grants";
import type { Grant } from "./grants";
import type { CredentialFailure } from "./tokens";

/** One open call's hold on its credential. */
export type StreamAccess = {
  /** Aborted, with an UNAUTHENTICATED ConnectError as its reason, once the credential ends. */
  readonly signal: AbortSignal;
  /** The call is over: its credential need not be watched for it any longer. */
  release(): void;
};

/** Watches the credentials of open streams, so that each stream ends when its access does. */
export type StreamAccessGuard = {
  /** Watches `credential` (verified as `grant`) for one call; `who` names its owner in the log. */
  hold(credential: string, grant: Grant, who: string): StreamAccess;
};

export type StreamAccessOptions = {
  store: Store;
  /** How often every held credential is checked against the database. */
  recheckEveryMs: number;
  /** Told of each credential found ended, so a cache stops vouching for it. */
  onEnded?: (credential: string) => void;
  /** Where ended streams and failed checks are reported. */
  log?: Pick<Console, "info" | "warn">;
};

type Held = {
  credential: string;
  grant: Grant;
  who: string;
  /** Until when the grant holds unless taken back: a token's exp, a session's expiry. */
  expiresAt: number;
  holders: number;
  controller: AbortController;
  timer?: NodeJS.Timeout;
};

// setTimeout's longest delay; a later expiry is waited for in steps.
const maxTimerMs = 2 ** 31 - 1;

/**
 * Ends open streams when their credential ends, whichever way: sign-out anywhere, an account
 * removed, a token revoked (each in this process: at once; by another PostgreSQL instance: at
 * once through NOTIFY; by anything else: within `recheckEveryMs`), a token's exp (at exp), a
 * session's expiry. Streams sharing a credential share one watch, and all watches are checked
 * together in one query per kind, so the cost is per credential, not per stream. Runs no timer
 * and holds no LISTEN while no stream is open.
 */
export function createStreamAccessGuard({
  store,
  recheckEveryMs,
  onEnded = () => {},
  log = console,
}: StreamAccessOptions): StreamAccessGuard {
  const held = new Map<string, Held>();
  let stopWatching: (() => void) | undefined;
  let checking: Promise<void> | undefined;
  let checkAgain = false;
  let failing = false;

  function end(entry: Held, reason: CredentialFailure): void {
    if (held.get(entry.credential) !== entry) return;
    forget(entry);
    entry.controller.abort(new ConnectError(reason, Code.Unauthenticated));
    onEnded(entry.credential);
    const streams = entry.holders === 1 ? "1 open stream" : `${entry.holders} open streams`;
    log.info(`auth: ended ${streams} of ${entry.who}: ${reason}`);
  }

  function forget(entry: Held): void {
    held.delete(entry.credential);
    clearTimeout(entry.timer);
    if (held.size > 0) return;
    stopWatching?.();
    stopWatching = undefined;
  }

  // A token's exp ends its streams at that moment; a session's expiry is checked against the
  // database first, since use elsewhere may have renewed it.
  function armExpiry(entry: Held): void {
    clearTimeout(entry.timer);
    if (!Number.isFinite(entry.expiresAt)) return;
    entry.timer = setTimeout(
      () => {
        if (Date.now() < entry.expiresAt) armExpiry(entry);
        else if (entry.grant.kind === "token") end(entry, "token expired");
        else checkSoon();
      },
      Math.min(Math.max(entry.expiresAt - Date.now(), 0), maxTimerMs),
    );
    entry.timer.unref();
  }

  async function checkAll(): Promise<void> {
    const entries = [...held.values()];
    const states = await recheckGrants(
      store,
      entries.map((entry) => entry.grant),
    );
    for (const entry of entries) {
      const state = states.get(entry.grant);
      if (state === undefined || held.get(entry.credential) !== entry) continue;
      if ("ended" in state) end(entry, state.ended);
      else if (state.expiresAt !== entry.expiresAt) {
        entry.expiresAt = state.expiresAt;
        armExpiry(entry);
      }
    }
  }

  // One check at a time; news arriving during one asks for one more right after it.
  function checkSoon(): void {
    if (held.size === 0) return;
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = checkAll()
      .then(() => {
        failing = false;
      })
      // The database is unreachable: whether access ended is unknown, so streams stay open (they
      // fail on their own if they need the store) and the next check tries again. Said once per
      // outage, not at every check.
      .catch((error: unknown) => {
        if (failing) return;
        failing = true;
        const reason = error instanceof Error ? error.message : String(error);
        log.warn(`auth: could not re-check open streams' credentials (retrying): ${reason}`);
      })
      .finally(() => {
        checking = undefined;
        if (checkAgain) {
          checkAgain = false;
          checkSoon();
        }
      });
  }

  function startWatching(): () => void {
    const poll = setInterval(checkSoon, recheckEveryMs);
    poll.unref();
    const stopLocal = onCredentialsChanged(checkSoon);
    const stopRemote = store.watchAccessChanges(checkSoon);
    return () => {
      clearInterval(poll);
      stopLocal();
      stopRemote();
    };
  }

  return {
    hold(credential, grant, who) {
      let entry = held.get(credential);
      if (entry === undefined) {
        entry = { credential, grant, who, expiresAt: grant.expiresAt, holders: 0, controller: new AbortController() };
        held.set(credential, entry);
        armExpiry(entry);
        stopWatching ??= startWatching();
      }
      entry.holders++;
      const holding = entry;
      let released = false;
      return {
        signal: holding.controller.signal,
        release() {
          if (released) return;
          released = true;
          if (--holding.holders === 0 && held.get(holding.credential) === holding) forget(holding);
        },
      };
    },
  };
}

/**
 * A stream's messages until they run out or its access ends, whichever is first; then the
 * access's UNAUTHENTICATED. Does not wait for the handler to notice: a handler blocked on
 * something else is told through its aborted signal and left to finish in the background.
 */
export async function* untilAccessEnds<Message>(
  messages: AsyncIterable<Message>,
  access: StreamAccess,
): AsyncGenerator<Message> {
  const iterator = messages[Symbol.asyncIterator]();
  let stop: () => void = () => {};
  const ended = new Promise<never>((_, reject) => {
    stop = () => reject(access.signal.reason as Error);
    access.signal.addEventListener("abort", stop, { once: true });
  });
  // Raced below, never awaited alone: its rejection is always handled there.
  ended.catch(() => {});
  let finished = false;
  try {
    for (;;) {
      access.signal.throwIfAborted();
      const result = await Promise.race([iterator.next(), ended]);
      // A handler that ended because its signal was aborted ended for that reason.
      access.signal.throwIfAborted();
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    access.signal.removeEventListener("abort", stop);
    access.release();
    if (!finished) void iterator.return?.().catch(() => {});
  }
}
