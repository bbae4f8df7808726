import { create, toBinary } from "@bufbuild/protobuf";
import type { Page } from "@playwright/test";
import { WatchOrdersResponseSchema } from "@/gen/order/order_pb";
import { expect } from "./fixtures";
import type { OrdersApi } from "./fixtures";

/** The header's Live indicator. */
export const liveIndicator = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("status");

/**
 * A WatchOrders answer body that says where the stream starts (the current cursor) and then
 * breaks off, as a dropped connection or a stopped server's does: one Connect envelope (flags
 * 0, then the message's length as 4 bytes big-endian) holding a heartbeat, and no end-of-stream.
 */
export async function heartbeatThenBreakOff(api: OrdersApi): Promise<Buffer> {
  let cursor = 0n;
  for await (const message of api.watchOrders({})) {
    cursor = message.cursor;
    break;
  }
  const heartbeat = toBinary(
    WatchOrdersResponseSchema,
    create(WatchOrdersResponseSchema, { cursor, event: { case: "heartbeat", value: {} } }),
  );
  const envelope = Buffer.alloc(5 + heartbeat.length);
  envelope.writeUInt32BE(heartbeat.length, 1);
  envelope.set(heartbeat, 5);
  return envelope;
}

/**
 * A server the test can stop and start: the page's first WatchOrders stream says where it starts
 * and breaks off, as a stopped server's does, and while the server is down every call to /api is
 * refused. Call before the page loads.
 */
async function routeServerOutage(page: Page, api: OrdersApi): Promise<{ setDown: (down: boolean) => void }> {
  const envelope = await heartbeatThenBreakOff(api);
  let down = false;
  let streams = 0;
  await page.route("**/api/**", async (route) => {
    const isWatch = route.request().url().includes("/WatchOrders");
    if (isWatch && ++streams === 1) {
      await route.fulfill({ contentType: "application/connect+proto", body: envelope });
    } else if (down) await route.abort("connectionrefused");
    else await route.continue();
  });
  return { setDown: (value) => (down = value) };
}

/**
 * Opens the list of the order `${prefix} one` (created here), takes the server down until the
 * header and a refused filter change say so, then brings it back until the header says Live.
 * What the list shows after that is the caller's to check.
 */
export async function listThroughOutage(page: Page, api: OrdersApi, prefix: string): Promise<void> {
  await api.create(`${prefix} one`);
  const server = await routeServerOutage(page, api);
  await page.goto(`/?q=${prefix}`);
  server.setDown(true);
  await expect(liveIndicator(page)).toHaveText("Reconnecting…", { timeout: 15_000 });
  await page.getByRole("radio", { name: "Completed" }).check();
  await expect(page.getByRole("main").getByRole("alert").first()).toContainText("Can't reach the server");
  server.setDown(false);
  await expect(liveIndicator(page)).toHaveText("Live", { timeout: 20_000 });
}
