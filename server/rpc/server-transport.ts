import "server-only";
import { createRouterTransport } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { addStaticKeyToTransport } from "@connectrpc/connect-query";
import { cookies } from "next/headers";
import { ordersTransportKey } from "@/lib/transport-key";
import { sessionCookieName } from "../auth/sessions";
import { appStore } from "../db/store";
import { createRoutes, routerOptions } from "./routes";

/**
 * Calls on behalf of the person whose page is rendering: their session cookie (read from the
 * current request through Next's request scope) goes along, and the routes check it exactly as
 * they check the browser's own calls. Our own server is, by construction, the same site.
 */
const asTheSignedInPerson: Interceptor = (next) => async (request) => {
  const session = (await cookies()).get(sessionCookieName);
  if (session) {
    request.header.set("cookie", `${sessionCookieName}=${session.value}`);
    request.header.set("sec-fetch-site", "same-origin");
  }
  return next(request);
};

/**
 * The OrderService called in-process by server components: the same routes and interceptors
 * as /api, without an HTTP round trip to ourselves. Built once per server process. Its static
 * query key matches the browser transport's, so prefetched queries hydrate into the same entries.
 */
export const serverTransport = addStaticKeyToTransport(
  createRouterTransport(createRoutes(appStore()), {
    router: routerOptions,
    transport: { interceptors: [asTheSignedInPerson] },
  }),
  ordersTransportKey,
);
