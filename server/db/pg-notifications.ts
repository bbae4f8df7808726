import pg from "pg";

export type NotificationListener = { close(): Promise<void> };

export type ListenOptions = {
  url: string;
  channels: readonly string[];
  /**
   * Called with the channel of every notification, and without one after every (re)connect:
   * anything on any channel may have been missed.
   */
  onNotify: (channel?: string) => void;
  /** Called when the connection fails or drops; it is retried with backoff until closed. */
  onError: (error: unknown) => void;
  minRetryMs?: number;
  maxRetryMs?: number;
};

/**
 * LISTEN on its own connection (a pooled one would be handed to other queries, and a
 * notification is delivered only to the session that listens). Reconnects after a drop,
 * waiting longer after each failure, and reports each (re)connect through onNotify.
 */
export function listenForNotifications({
  url,
  channels,
  onNotify,
  onError,
  minRetryMs = 250,
  maxRetryMs = 10_000,
}: ListenOptions): NotificationListener {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = minRetryMs;

  const retry = (error: unknown) => {
    if (closed || retryTimer) return;
    onError(error);
    const dead = client;
    client = undefined;
    void dead?.end().catch(() => {});
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(maxRetryMs, retryMs * 2);
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, keepAlive: true });
    client = next;
    next.on("notification", ({ channel }) => onNotify(channel));
    next.on("error", retry);
    next.on("end", () => client === next && retry(new Error("the LISTEN connection ended")));
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) return void (await next.end().catch(() => {}));
      retryMs = minRetryMs;
      onNotify();
    } catch (error) {
      if (client === next) retry(error);
    }
  }

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const open = client;
      client = undefined;
      await open?.end().catch(() => {});
    },
  };
}

/** Per-channel subscriptions sharing one LISTEN connection, open while anyone subscribes. */
export type NotificationHub = {
  /**
   * Calls `onNotify` on each notification on `channel` and after each reconnect. Returns the way
   * to stop, which resolves once the connection is closed when it was the last subscription.
   */
  subscribe(channel: string, onNotify: () => void): () => Promise<void>;
  /** Closes the connection whoever still subscribes (the store is closing). */
  close(): Promise<void>;
};

/**
 * One LISTEN connection per store for all its channels, opened for the first subscriber and
 * closed after the last: live order events and ended credentials share it.
 */
export function createNotificationHub(
  open: (onNotify: (channel?: string) => void) => NotificationListener,
): NotificationHub {
  const subscribers = new Map<string, Set<() => void>>();
  let listener: NotificationListener | undefined;
  let count = 0;
  const closeListener = async () => {
    const closing = listener;
    listener = undefined;
    await closing?.close();
  };
  const notify = (channel?: string) => {
    const called =
      channel === undefined ? [...subscribers.values()].flatMap((set) => [...set]) : subscribers.get(channel);
    for (const onNotify of called ?? []) onNotify();
  };
  return {
    subscribe(channel, onNotify) {
      // Wrapped, so one function subscribed twice is two subscriptions.
      const subscription = () => onNotify();
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set.add(subscription));
      if (count++ === 0) listener = open(notify);
      return async () => {
        if (!set.delete(subscription) || --count > 0) return;
        await closeListener();
      };
    },
    close() {
      for (const set of subscribers.values()) set.clear();
      subscribers.clear();
      count = 0;
      return closeListener();
    },
  };
}
