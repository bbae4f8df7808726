import "server-only";
import { createRouterTransport } from "@connectrpc/connect";
import { addStaticKeyToTransport } from "@connectrpc/connect-query";
import { ordersTransportKey } from "@/lib/transport-key";
import { appStore } from "../db/app-store";
import { createRoutes, routerOptions } from "./routes";

/**
 * The OrderService called in-process by server components: the same routes and interceptors
 * as /api, without an HTTP round trip to ourselves. Built once per server process. Its static
 * query key matches the browser transport's, so prefetched queries hydrate into the same entries.
 */
export const serverTransport = addStaticKeyToTransport(
  createRouterTransport(createRoutes(appStore()), { router: routerOptions }),
  ordersTransportKey,
);
