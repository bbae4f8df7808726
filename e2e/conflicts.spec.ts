import type { Page, Request } from "@playwright/test";
import { CreateOrderRequestSchema } from "@/gen/order/order_pb";
import { expect, sentMessage, test, uniquePrefix } from "./fixtures";

// Issue 8: writes carry the etag of the version shown, so one made over a version changed
// elsewhere is refused and said so; creates carry a request_id, so a repeated submit or a retry
// creates one order.

const watchRoute = "**/api/order.OrderService/WatchOrders";

/** Keeps live updates away, so the page goes on showing the version it loaded. */
async function withoutLiveUpdates(page: Page) {
  await page.route(watchRoute, (route) => route.abort("connectionrefused"));
}

test("a save over a version changed elsewhere is refused, shows that version and keeps the edits", async ({
  page,
  api,
}) => {
  const order = await api.create(uniquePrefix("Stale"));
  await withoutLiveUpdates(page);
  await page.goto(`/orders/${order.uuid}`);
  const nameInput = page.getByLabel("Name", { exact: true });
  await nameInput.fill(`${order.name} mine`);
  await api.updateOrder({ uuid: order.uuid, name: `${order.name} theirs`, updateMask: { paths: ["name"] } });

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("changed elsewhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${order.name} theirs`);
  await expect(nameInput).toHaveValue(`${order.name} mine`);
  expect((await api.read(order.uuid)).name).toBe(`${order.name} theirs`);

  // Saving again applies the edits to the version now shown.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect((await api.read(order.uuid)).name).toBe(`${order.name} mine`);
});

test("a version arriving live under unsaved edits keeps them and says so", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Arrived"));
  await page.goto(`/orders/${order.uuid}`);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("status")).toHaveText("Live");
  const nameInput = page.getByLabel("Name", { exact: true });
  await nameInput.fill(`${order.name} mine`);
  await api.updateOrder({ uuid: order.uuid, name: `${order.name} theirs`, updateMask: { paths: ["name"] } });

  // Named after whoever changed it: here the token from npm run token.
  await expect(
    page.getByRole("status").filter({ hasText: "e2e (service) changed this order while you were editing" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${order.name} theirs`);
  await expect(nameInput).toHaveValue(`${order.name} mine`);
});

test("a toggle or a delete over a version changed elsewhere is refused and shows that version", async ({
  page,
  api,
}) => {
  const order = await api.create(uniquePrefix("StaleToggle"));
  await withoutLiveUpdates(page);
  await page.goto(`/orders/${order.uuid}`);
  await api.updateOrder({ uuid: order.uuid, name: `${order.name} theirs`, updateMask: { paths: ["name"] } });

  await page.getByRole("button", { name: "Mark as completed" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("changed elsewhere");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${order.name} theirs`);
  await expect(page.getByRole("button", { name: "Mark as completed" })).toBeVisible();
  expect((await api.read(order.uuid)).completed).toBe(false);

  await api.updateOrder({ uuid: order.uuid, completed: true, updateMask: { paths: ["completed"] } });
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this order?" });
  await dialog.getByRole("button", { name: "Delete order" }).click();
  await expect(dialog.getByRole("alert")).toContainText("changed elsewhere");
  await expect(page.getByRole("button", { name: "Mark as open", includeHidden: true })).toHaveCount(1);
  await api.read(order.uuid);

  // A second press deletes the version now shown.
  await dialog.getByRole("button", { name: "Delete order" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("submitting twice before the first answer creates one order", async ({ page, api }) => {
  const nameInput = page.getByLabel("Name", { exact: true });
  const count = async (name: string) => (await api.listOrders({ nameContains: name, pageSize: 10 })).orders.length;
  await page.goto("/");
  const sent: { name: string; requestId: string }[] = [];
  let inFlight = 0;
  page.on("request", (request) => {
    if (!request.url().endsWith("/CreateOrder")) return;
    sent.push(sentMessage(request, CreateOrderRequestSchema));
    inFlight++;
  });
  const settle = (request: Request) => {
    if (request.url().endsWith("/CreateOrder")) inFlight--;
  };
  page.on("requestfinished", settle);
  page.on("requestfailed", settle);
  /** The request_ids sent for `name`, once every create has been answered. */
  const requestIdsOf = async (name: string) => {
    await expect.poll(() => inFlight).toBe(0);
    return [...new Set(sent.filter((request) => request.name === name).map((request) => request.requestId))];
  };

  // Two submits in one task, before React can even mark the first as pending: only the
  // request_id keeps the second from creating another order.
  const name = uniquePrefix("Twice");
  await nameInput.fill(name);
  await page
    .locator("form")
    .filter({ has: nameInput })
    .evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
  await expect(page.getByRole("status").filter({ hasText: `Created ${name}` })).toBeVisible();
  expect(sent.filter((request) => request.name === name)).toHaveLength(2);
  expect(await requestIdsOf(name)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  expect(await count(name)).toBe(1);

  // A double click and a fast second Enter, as people do them.
  const clicked = uniquePrefix("DoubleClick");
  await nameInput.fill(clicked);
  await page.getByRole("button", { name: "Add order" }).dblclick();
  await expect(page.getByRole("status").filter({ hasText: `Created ${clicked}` })).toBeVisible();
  const entered = uniquePrefix("DoubleEnter");
  await nameInput.fill(entered);
  await nameInput.press("Enter");
  await nameInput.press("Enter");
  for (const sentName of [clicked, entered]) {
    expect(await requestIdsOf(sentName)).toHaveLength(1);
    expect(await count(sentName)).toBe(1);
  }
});

test("a retry after the answer was lost creates one order, and new content gets a new request_id", async ({
  page,
  api,
}) => {
  const name = uniquePrefix("Retried");
  await page.goto("/");
  // The server creates the order, but its answer never reaches the page.
  await page.route("**/api/order.OrderService/CreateOrder", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Can't reach the server");
  await page.unroute("**/api/order.OrderService/CreateOrder");

  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Created ${name}` })).toBeVisible();
  expect((await api.listOrders({ nameContains: name, pageSize: 10 })).orders).toHaveLength(1);

  // After a success the same name again is a new order.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add order" }).click();
  await expect.poll(async () => (await api.listOrders({ nameContains: name, pageSize: 10 })).orders.length).toBe(2);
});
