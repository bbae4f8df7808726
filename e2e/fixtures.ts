import { readFileSync } from "node:fs";
import { fromBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { test as base, expect } from "@playwright/test";
import type { Page, Request } from "@playwright/test";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { OrderService } from "@/gen/order/order_pb";
import type { Order } from "@/gen/order/order_pb";
import { apiTokenFile, ownerStateFile } from "./auth-state";

/** Options for contexts a spec opens itself: signed in as the owner, like the `page` fixture. */
export const signedIn = { storageState: ownerStateFile };

/** The owner's session as a Cookie header value, for page requests made without a browser. */
export function sessionCookie(): string {
  const state = JSON.parse(readFileSync(ownerStateFile, "utf8")) as { cookies: { name: string; value: string }[] };
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/** The real OrderService over Connect, through the generated client, as any program would call it. */
export type OrdersApi = Client<typeof OrderService> & {
  /** Creates an order and returns it; fails the test if the server answers without one. */
  create(name: string, options?: { completed?: boolean; date?: string }): Promise<Order>;
  /** Creates many orders, a few requests at a time so the server is not flooded. */
  createMany(names: string[], options?: (index: number) => { completed?: boolean; date?: string }): Promise<Order[]>;
  /** The stored order. */
  read(uuid: string): Promise<Order>;
};

function ordersApi(baseUrl: string, token: string): OrdersApi {
  const transport = createConnectTransport({
    baseUrl: `${baseUrl}/api`,
    httpVersion: "1.1",
    // The token from `npm run token` (auth.setup.ts), sent as the original's clients did.
    interceptors: [
      (next) => (request) => {
        request.header.set("rpc-auth", token);
        return next(request);
      },
    ],
  });
  const client = createClient(OrderService, transport);
  const create = async (name: string, options: { completed?: boolean; date?: string } = {}) => {
    const { order } = await client.createOrder({ name, ...options });
    if (!order) throw new Error("CreateOrder answered without an order");
    return order;
  };
  return {
    ...client,
    create,
    async createMany(names: string[], options: (index: number) => { completed?: boolean; date?: string } = () => ({})) {
      const created: Order[] = [];
      for (let start = 0; start < names.length; start += 8) {
        const batch = names.slice(start, start + 8);
        created.push(...(await Promise.all(batch.map((name, offset) => create(name, options(start + offset))))));
      }
      return created;
    },
    async read(uuid: string) {
      const { order } = await client.readOrder({ uuid });
      if (!order) throw new Error("ReadOrder answered without an order");
      return order;
    },
  };
}

/** The message a page sent: the browser speaks binary protobuf (components/providers.tsx). */
export function sentMessage<Desc extends DescMessage>(request: Request, schema: Desc): MessageShape<Desc> {
  return fromBinary(schema, request.postDataBuffer() ?? new Uint8Array());
}

/** A prefix no other test (or earlier run) uses, so tests sharing one database stay independent. */
export function uniquePrefix(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Resolves once React has attached its handlers to the page's controls: a click on server HTML
 * before that is silently lost on a loaded CI machine. React marks every hydrated element with a
 * `__reactProps$…` property, so no test-only component has to ship in the app to tell.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    // Hidden inputs are left out: React writes those for server actions and never hydrates them.
    const controls = [...document.querySelectorAll("main, main form, main button, main input:not([type=hidden])")];
    return (
      controls.length > 0 &&
      controls.every((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$")))
    );
  });
}

export const test = base.extend<{ api: OrdersApi }>({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await waitForHydration(page);
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await waitForHydration(page);
      return response;
    };
    await provide(page);
  },
  // Named `provide`, not Playwright's usual `use`, so React's hook lint leaves it alone.
  api: async ({ baseURL }, provide) => {
    await provide(ordersApi(baseURL ?? "", readFileSync(apiTokenFile, "utf8").trim()));
  },
});

export { expect };
