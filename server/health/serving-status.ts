import { HealthCheckResponse_ServingStatus as ServingStatus } from "../../gen/health/v1/health_pb";

export { ServingStatus };

/**
 * SERVING while `ping` resolves within `timeoutMs`, NOT_SERVING when it fails or hangs (a
 * PostgreSQL behind a dropped network can take its whole connect timeout to fail). Concurrent
 * probes share one ping, so many watchers cost the database one query per round.
 */
export function createServingProbe(ping: () => Promise<void>, timeoutMs: number): () => Promise<ServingStatus> {
  let inFlight: Promise<ServingStatus> | undefined;
  const probe = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("ping timed out")), timeoutMs);
    });
    try {
      await Promise.race([ping(), timeout]);
      return ServingStatus.SERVING;
    } catch {
      // The cause is the store's to report; to a health checker it is simply not serving.
      return ServingStatus.NOT_SERVING;
    } finally {
      clearTimeout(timer);
    }
  };
  return () =>
    (inFlight ??= probe().finally(() => {
      inFlight = undefined;
    }));
}
