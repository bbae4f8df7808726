import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http2";
import type { ServerHttp2Session } from "node:http2";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after } from "node:test";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { applyMigrations } from "../../scripts/db/migrations";
import { checkServiceTransport } from "../../server/check/check-client";
import { simulatedFulfilment } from "../../server/check/fulfilment-source";
import { createStore } from "../../server/db/store";
import type { Logger } from "../../server/observability/logger";
import { createRouterOptions, createRoutes } from "../../server/rpc/routes";
import type { RouteOptions } from "../../server/rpc/routes";
import { authSecret } from "../../server/auth/auth-secret";
import { capturedLog } from "./captured-log";
import { issueTestToken, sendToken } from "./credentials";

export type ListenerOptions = Omit<RouteOptions, "checkTransport"> & { checkLatencyMs?: number; logger?: Logger };

/**
 * The app's routes and router options on a real cleartext HTTP/2 listener (what
 * `startGrpcServer` serves), on a free port and a migrated SQLite file of the test file's own,
 * with the CheckStatusOrder chain calling back into the same port over gRPC, as the default
 * configuration does. Logs go to memory. Closed after the file's tests.
 */
export async function grpcListenerOnFreshDatabase({ checkLatencyMs = 0, logger, ...options }: ListenerOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), "orders-listener-"));
  const database = { provider: "sqlite", file: join(dir, "orders.db") } as const;
  await applyMigrations(database);
  const store = createStore(database);
  // Bound before the routes exist (port 0: no free-then-reuse race); they need its URL.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const log = capturedLog();
  const routes = createRoutes(store, {
    checkTransport: checkServiceTransport(url),
    fulfilment: simulatedFulfilment({ latencyMs: checkLatencyMs }),
    logger: logger ?? log.logger,
    ...options,
  });
  server.on("request", connectNodeAdapter({ routes, ...createRouterOptions({ logger: logger ?? log.logger }) }));
  const sessions = new Set<ServerHttp2Session>();
  server.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  after(async () => {
    // Streams the tests left open (Watch) must not hold the close open.
    await new Promise((resolve) => {
      server.close(resolve);
      for (const session of sessions) session.destroy();
    });
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  // A token for the guarded services, signed with the secret the routes use.
  const token = await issueTestToken(store, authSecret());
  return { url, port, store, dir, log, token, interceptors: [sendToken(token)] };
}
