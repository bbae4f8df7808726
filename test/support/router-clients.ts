import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { CheckStatusOrderService } from "../../gen/check/check_pb";
import { OrderBulkService } from "../../gen/order/order_bulk_pb";
import { OrderHistoryService } from "../../gen/order/order_history_pb";
import { OrderService } from "../../gen/order/order_pb";
import { applyMigrations } from "../../scripts/db/migrations";
import { createStore } from "../../server/db/store";
import type { Store } from "../../server/db/store";
import { createCheckStatusOrderService } from "../../server/check/check-status-service";
import { simulatedFulfilment } from "../../server/check/fulfilment-source";
import type { Logger } from "../../server/observability/logger";
import { capturedLog } from "./captured-log";
import { createRouterOptions, createRoutes } from "../../server/rpc/routes";
import { issueTestToken, sendToken, unrecordedToken } from "./credentials";
import { authSecret } from "../../server/auth/auth-secret";

/**
 * Clients for the real routes and router options on `store`, in memory: requests and errors
 * still go through Connect's serialization, so error details arrive as a remote client sees them.
 * Calls carry `token` (default: a service token issued on the first call).
 */
export function routerClients(
  store: Store,
  { logger, token: given }: { logger?: Logger; token?: () => Promise<string> } = {},
) {
  // Log lines stay in memory unless the test asks for them: the test output is for test results.
  const routerOptions = createRouterOptions({ logger: logger ?? capturedLog().logger });
  // The chain's far end answers in memory too, at once, from the same store.
  const fulfilment = simulatedFulfilment({ latencyMs: 0 });
  const checkTransport = createRouterTransport(
    (router) => router.service(CheckStatusOrderService, createCheckStatusOrderService(store, fulfilment)),
    { router: routerOptions },
  );
  // A token issued on the first call, with the secret the routes use. On a store that cannot
  // record it (the fault tests' broken databases) it is signed all the same, so calls fail at
  // the server's lookup, as a real client's would.
  let token: Promise<string> | undefined;
  const issue = given ?? (() => issueTestToken(store, authSecret()).catch(() => unrecordedToken(authSecret())));
  const transport = createRouterTransport(createRoutes(store, { checkTransport, fulfilment, logger }), {
    router: routerOptions,
    transport: { interceptors: [sendToken(() => (token ??= issue()))] },
  });
  return {
    orders: createClient(OrderService, transport),
    history: createClient(OrderHistoryService, transport),
    bulk: createClient(OrderBulkService, transport),
    check: createClient(CheckStatusOrderService, transport),
  };
}

/** The routes on a migrated SQLite file of the calling test file's own, removed after its tests. */
export async function routerClientsOnFreshDatabase() {
  const dir = await mkdtemp(join(tmpdir(), "orders-test-"));
  const database = { provider: "sqlite", file: join(dir, "orders.db") } as const;
  await applyMigrations(database);
  const store = createStore(database);
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { store, ...routerClients(store) };
}
