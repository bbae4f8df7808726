import { expect, sessionCookie, signedIn, test, uniquePrefix } from "./fixtures";

// Issue 10, item 11: one date format, no time-zone jump, titles, header, touch targets, no-JS.
test.use({ timezoneId: "America/New_York", locale: "en-US" });

test("tables and inputs show a date in one format, in the reader's zone", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Format"), { date: "2024-11-07T20:02:00Z" });
  await page.goto(`/?q=${order.name}`);
  await expect(page.getByRole("row").filter({ hasText: order.name }).locator("time").first()).toHaveText(
    "11/07/2024, 03:02 PM",
  );
  await page.goto(`/orders/${order.uuid}`);
  // Chromium shows this value as "11/07/2024, 03:02 PM" in en-US: the same text as the table.
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2024-11-07T15:02");
});

test("a first visit never shows dates in the server's zone; a later one renders the reader's at once", async ({
  request,
  api,
}) => {
  const order = await api.create(uniquePrefix("Zone"), { date: "2024-11-07T23:30:00Z" });
  const url = `/orders/${order.uuid}`;
  // No cookie: the zone is unknown, so the server's text is hidden until the browser knows it.
  const firstVisit = await (
    await request.get(url, { headers: { cookie: sessionCookie(), "accept-language": "en-US" } })
  ).text();
  expect(firstVisit).toMatch(/<time [^>]*dateTime="2024-11-07T23:30:00.000Z" class="invisible"/);
  // With the cookie the browser writes, the first HTML already has the reader's date (the next day in Kiritimati).
  const later = await (
    await request.get(url, {
      headers: { cookie: `tz=Pacific/Kiritimati; ${sessionCookie()}`, "accept-language": "en-US" },
    })
  ).text();
  expect(later).toMatch(/<time [^>]*dateTime="2024-11-07T23:30:00.000Z">11\/08\/2024, 01:30 PM<\/time>/);
});

test("any page writes the reader's zone to the cookie the server renders dates with", async ({ page, context }) => {
  await page.goto("/tokens");
  await expect
    .poll(async () => (await context.cookies()).find((cookie) => cookie.name === "tz")?.value)
    .toBe(encodeURIComponent("America/New_York"));
});

test("the not-found page has its own title, and the header links home once", async ({ page }) => {
  await page.goto("/orders/00000000-0000-4000-8000-000000000000");
  await expect(page).toHaveTitle("Order not found · Orders");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders", exact: true }),
  ).toHaveCount(1);
});

test("row checkboxes and name links are at least 24 px tall", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Touch"));
  await page.goto(`/?q=${order.name}`);
  for (const target of [
    page.getByRole("checkbox", { name: `Completed: ${order.name}` }),
    page.getByRole("table").getByRole("link", { name: order.name }),
  ]) {
    expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  }
});

test("without JavaScript, Add order puts nothing in the URL and the page says JavaScript is needed", async ({
  browser,
  baseURL,
  request,
}) => {
  // Playwright's switch stops scripts but not the parser's scripting flag, so <noscript> is not
  // rendered in its browser: the message is checked in the HTML a script-less browser renders.
  const html = await (await request.get("/")).text();
  expect(html).toMatch(/<noscript><p[^>]*>This app needs JavaScript/);
  // Dates held back for the reader's zone are shown (in UTC) rather than never.
  expect(html).toMatch(/<noscript>.*<style>time\.invisible\{visibility:visible\}<\/style><\/noscript>/);
  // A context of its own: the shared page fixture waits for hydration, which never comes here.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, ...signedIn });
  const page = await context.newPage();
  const name = uniquePrefix("NoScript");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add order" }).click();
  await page.waitForLoadState("load");
  expect(page.url()).not.toContain(name);
  await context.close();
});
