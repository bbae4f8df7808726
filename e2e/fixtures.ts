import { test as base, expect } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";

/** An order as the API answers it in Connect JSON. */
export type ApiOrder = { uuid: string; name: string; completed?: boolean; date: string };

/** Calls the real OrderService over Connect JSON, the way any external client would. */
export class OrdersApi {
  constructor(private readonly request: APIRequestContext) {}

  private async call<T>(method: string, body: unknown): Promise<T> {
    const response = await this.request.post(`/api/order.OrderService/${method}`, {
      data: body,
      headers: { "content-type": "application/json", "connect-protocol-version": "1" },
    });
    expect(response.ok(), `${method} answered ${response.status()}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async create(name: string, options: { completed?: boolean; date?: string } = {}): Promise<ApiOrder> {
    const { order } = await this.call<{ order: ApiOrder }>("CreateOrder", { name, ...options });
    return order;
  }

  /** Creates many orders, a few requests at a time so the server is not flooded. */
  async createMany(names: string[], options: (index: number) => { completed?: boolean; date?: string } = () => ({})): Promise<ApiOrder[]> {
    const created: ApiOrder[] = [];
    for (let start = 0; start < names.length; start += 8) {
      const batch = names.slice(start, start + 8);
      created.push(...(await Promise.all(batch.map((name, offset) => this.create(name, options(start + offset))))));
    }
    return created;
  }

  async delete(uuid: string): Promise<void> {
    await this.call("DeleteOrder", { uuid });
  }

  async read(uuid: string): Promise<ApiOrder> {
    const { order } = await this.call<{ order: ApiOrder }>("ReadOrder", { uuid });
    return order;
  }
}

/** A prefix no other test (or earlier run) uses, so tests sharing one database stay independent. */
export function uniquePrefix(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const test = base.extend<{ api: OrdersApi }>({
  // Navigations resolve once React has hydrated (see components/hydration-marker.tsx): on a
  // loaded CI machine a click on server-rendered HTML before that would be lost.
  page: async ({ page }, provide) => {
    const hydrated = () => page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await hydrated();
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await hydrated();
      return response;
    };
    await provide(page);
  },
  // Named `provide`, not Playwright's usual `use`, so React's hook lint leaves it alone.
  api: async ({ request }, provide) => {
    await provide(new OrdersApi(request));
  },
});

export { expect };
