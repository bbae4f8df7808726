import { setTimeout as sleep } from "node:timers/promises";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import type { Health } from "../../gen/health/v1/health_pb";
import { createServingProbe, ServingStatus } from "./serving-status";

export type HealthOptions = {
  /** Resolves when the database answers: the one dependency every service here needs. */
  ping: () => Promise<void>;
  /** The fully-qualified names of the registered services, read at call time. */
  serviceNames: () => readonly string[];
  /** How often Watch probes for a change. */
  watchIntervalMs?: number;
  /** A ping slower than this counts as NOT_SERVING. */
  pingTimeoutMs?: number;
  /** Aborted when the server starts shutting down: from then on NOT_SERVING, and watches end. */
  draining?: AbortSignal;
};

/**
 * grpc.health.v1.Health: "" (the server as a whole) and each registered service are
 * SERVING while the database answers and NOT_SERVING while it does not; any other name is
 * NOT_FOUND for Check and SERVICE_UNKNOWN for Watch, which keeps watching as the standard
 * asks. No credentials are needed: load balancers and orchestrators call it unauthenticated.
 * Once a shutdown starts everything is NOT_SERVING, so balancers stop sending calls here, and a
 * Watch says so and ends instead of holding the drain.
 */
export function createHealthService({
  ping,
  serviceNames,
  watchIntervalMs = 1000,
  pingTimeoutMs = 1000,
  draining,
}: HealthOptions): ServiceImpl<typeof Health> {
  const probeDatabase = createServingProbe(ping, pingTimeoutMs);
  const probe = async () => (draining?.aborted ? ServingStatus.NOT_SERVING : probeDatabase());
  const isKnown = (service: string) => service === "" || serviceNames().includes(service);

  return {
    async check({ service }) {
      if (!isKnown(service)) throw new ConnectError(`Unknown service "${service}".`, Code.NotFound);
      return { status: await probe() };
    },

    async *watch({ service }, context) {
      const wakeUp = draining ? AbortSignal.any([context.signal, draining]) : context.signal;
      let last: ServingStatus | undefined;
      while (!context.signal.aborted) {
        const status = isKnown(service) ? await probe() : ServingStatus.SERVICE_UNKNOWN;
        if (status !== last) yield { status };
        last = status;
        if (draining?.aborted) return;
        // Ends quietly when the caller goes away or its deadline passes.
        await sleep(watchIntervalMs, undefined, { signal: wakeUp }).catch(() => undefined);
      }
    },

    async list() {
      const status = await probe();
      const statuses = Object.fromEntries(["", ...serviceNames()].map((name) => [name, { status }]));
      return { statuses };
    },
  };
}
