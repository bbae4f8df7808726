/**
 * Group commit: writes that arrive in the same turn of the event loop, or while another write
 * is in flight, go to the database together, in one statement and one transaction. Throughput
 * is then bound by the commits the database can do per second times the group size, not by
 * one commit per request; each caller still hears back only after its own row is committed
 * (same durability).
 *
 * The first write of a quiet moment waits one `setImmediate` (no timer: microseconds), so the
 * other requests read from the network in the same turn join it. Without that wait nothing
 * grouped on SQLite: better-sqlite3 commits synchronously, so no request could arrive while a
 * write was in flight, and every CreateOrder paid its own statement and commit.
 *
 * A group that fails is retried one write at a time, so a write the database rejects fails
 * alone and every other caller in its group gets its own answer.
 */
export function groupCommit<Write, Written>(options: {
  /** Commits every write of the group at once; the results in the order of `writes`. */
  writeGroup: (writes: Write[]) => Promise<Written[]>;
  writeOne: (write: Write) => Promise<Written>;
  /** Most writes per group (bind parameters per statement are limited on every database). */
  maxGroup: number;
}): (write: Write) => Promise<Written> {
  type Waiting = { write: Write; resolve: (written: Written) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let inFlight = false;

  async function commit(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      const written = await options.writeGroup(group.map((entry) => entry.write)).catch(() => undefined);
      if (written) {
        group.forEach((entry, i) => entry.resolve(written[i]!));
        return;
      }
    }
    await Promise.all(group.map((entry) => options.writeOne(entry.write).then(entry.resolve, entry.reject)));
  }

  async function drain(): Promise<void> {
    try {
      while (waiting.length > 0) {
        const group = waiting.slice(0, options.maxGroup);
        waiting = waiting.slice(group.length);
        await commit(group);
      }
    } finally {
      inFlight = false;
    }
  }

  return (write) =>
    new Promise<Written>((resolve, reject) => {
      waiting.push({ write, resolve, reject });
      if (!inFlight) {
        inFlight = true;
        setImmediate(() => void drain());
      }
    });
}
