import pg from "pg";

export type NotificationListener = { close(): Promise<void> };

export type ListenOptions = {
  url: string;
  channel: string;
  /** Called on every notification, and after every (re)connect: anything may have been missed. */
  onNotify: () => void;
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
  channel,
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
    next.on("notification", () => onNotify());
    next.on("error", retry);
    next.on("end", () => client === next && retry(new Error("the LISTEN connection ended")));
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
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
