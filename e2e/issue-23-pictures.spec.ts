import type { Locator, Page } from "@playwright/test";
import { refusedCreate } from "./create-form";
import { listThroughOutage, liveIndicator } from "./live-stream";
import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";
import { shot } from "./screenshot";
import { signedInAs } from "./sign-in";
import type { ShotOptions } from "./screenshot";

// Issue 23's before/after pictures (docs/screenshots/issue-23). Each test walks the same steps on
// the code before the issue's fixes (SHOT_TAG=before, e202507) and after them, using only what
// both have: URLs, orders seeded through the API, plain clicks. Where the fix added a control,
// the old picture shows its absence. On the fixed code each picture is first checked to show
// the fix; on the old code there is nothing to wait for, so a short pause lets it settle.

const fixed = process.env.SHOT_TAG !== "before";
const orderLinks = (page: Page) => page.getByRole("table").getByRole("link");
const minute = (index: number) => new Date(Date.UTC(2023, 0, 1) + index * 60_000).toISOString();
const listRegion = (page: Page) => page.getByRole("region", { name: /^Order list/ });

/** Waits for what the fix shows; on the old code, for the page to settle instead. */
async function showing(page: Page, fix: Locator): Promise<void> {
  if (fixed) await expect(fix).toBeVisible();
  else await page.waitForTimeout(500);
}

/** The address in the window, shorter: the list's opaque page position is not the point. */
function address(page: Page): string {
  const url = new URL(page.url());
  if (url.searchParams.has("page")) url.searchParams.set("page", "…");
  return decodeURIComponent(`${url.pathname}${url.search}`);
}

// Smaller files in the repository; PNG for clipped areas, which are mostly flat colour.
const viewport: ShotOptions = { viewportOnly: true, quality: 70 };

// Dates read in Tokyo, so a page that prints UTC shows it.
test.use({ timezoneId: "Asia/Tokyo" });

test("pictures: the list's place, paging, and the messages after a delete", async ({ page, api }) => {
  const prefix = uniquePrefix("Pics");
  await api.createMany(
    Array.from({ length: 30 }, (_, index) => `${prefix} ${String(index).padStart(2, "0")}`),
    (index) => ({ date: minute(index) }),
  );
  await page.goto(`/?status=open&sort=name-asc&q=${prefix}`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(orderLinks(page).first()).toHaveText(`${prefix} 25`);
  await shot(page, "paging", { area: page.getByRole("navigation", { name: "Pages" }) });

  await orderLinks(page).first().click();
  await page.getByRole("link", { name: "All orders" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await showing(page, page.getByText("Page 2 of 2"));
  await shot(page, "back-link", {
    ...viewport,
    note: `Opened "${prefix} 25" from page 2 of Open, Name A to Z, search "${prefix}"; then "← All orders" → ${address(page)}`,
  });

  await orderLinks(page).first().click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: "Delete order" }).click();
  await expect(page.getByText(/Deleted “/)).toBeVisible();
  await showing(page, page.getByText("Page 2 of 2"));
  await shot(page, "after-delete", {
    ...viewport,
    note: `After deleting an order opened from that view → ${address(page)}`,
  });

  await page
    .getByRole("checkbox", { name: /^Completed: / })
    .first()
    .click();
  await expect(page.getByText(/^Marked “/)).toBeVisible();
  if (fixed) await expect(page.getByText(/Deleted “/)).toHaveCount(0);
  await shot(page, "success-messages", { ...viewport, note: "Deleted an order, then ticked Completed on another" });
});

test("pictures: name sort, accent-free search and a search's place in history", async ({ page, api }) => {
  const prefix = uniquePrefix("Sort");
  const names = ["Zebra", "lowercase apples", "éclair", "apples", "Acme 30", "Acme 3", "Acme 29", "Café crème"];
  await api.createMany(names.map((name) => `${prefix} ${name}`));
  await page.goto(`/?sort=name-asc&q=${prefix}`);
  await expect(orderLinks(page)).toHaveCount(names.length);
  if (fixed) await expect(orderLinks(page).first()).toHaveText(`${prefix} Acme 3`);
  await shot(page, "name-sort", { area: page.getByRole("table") });

  await page.goto(`/?q=${encodeURIComponent(`${prefix} cafe`)}`);
  await showing(page, orderLinks(page).first());
  await shot(page, "accent-search", { area: listRegion(page) });

  const search = page.getByLabel("Search by name");
  await search.fill(`${prefix} zebra`);
  await expect(page).toHaveURL(/zebra/);
  await page.goBack();
  await expect(page).not.toHaveURL(/zebra/);
  await waitForHydration(page);
  if (fixed) await expect(search).toHaveValue(`${prefix} cafe`);
  await shot(page, "search-history", {
    ...viewport,
    note: `On ?q=${prefix} cafe, typed "${prefix} zebra" in the search, then Back → ${address(page)}`,
  });
});

test("pictures: the list's columns, header and shortcuts; new orders from elsewhere", async ({ page, api }) => {
  const prefix = uniquePrefix("Look");
  await api.createMany([`${prefix} a`, `${prefix} b`, `${prefix} c`], (index) => ({
    date: minute(index),
    completed: index === 1,
  }));
  await page.goto(`/?q=${prefix}`);
  await expect(liveIndicator(page)).toHaveText("Live");
  await expect(orderLinks(page)).toHaveText([`${prefix} c`, `${prefix} b`, `${prefix} a`]);
  await shot(page, "list", { ...viewport, note: `Tab title: ${await page.title()}` });

  await page.getByRole("heading", { level: 1, name: "Orders" }).click();
  await page.keyboard.press("?");
  await showing(page, page.getByRole("dialog", { name: "Keyboard shortcuts" }));
  await shot(page, "shortcuts", { ...viewport, note: "Pressed ? on the list" });
  await page.keyboard.press("Escape");

  for (const name of ["d", "e", "f"]) await api.create(`${prefix} ${name}`, { date: minute(100) });
  const announcement = page.getByRole("button", { name: "3 new orders — Show" });
  await expect(page.getByText(`${prefix} f`).or(announcement)).toBeVisible();
  await shot(page, "new-orders", { area: listRegion(page) });
});

test("pictures: the create form's counter and failure", async ({ page }) => {
  await refusedCreate(page);
  await shot(page, "create-form", {
    area: page.getByRole("region", { name: "New order" }),
  });
});

test("pictures: Check status and a save that cannot reach the server", async ({ page, api }) => {
  // Dated now: the simulated fulfilment system reports it not completed, as it is stored.
  const order = await api.create(uniquePrefix("Check"));
  await page.goto(`/orders/${order.uuid}`);
  const lastUpdated = page.locator("dt", { hasText: "Last updated" }).locator("xpath=..").locator("time");
  const updatedBefore = await lastUpdated.getAttribute("datetime");
  await page.getByRole("button", { name: "Check status" }).focus();
  const reread = page.waitForResponse((response) => response.url().includes("/ReadOrder"));
  await page.keyboard.press("Enter");
  await expect(page.getByText("The fulfilment system reports this order as not completed yet.")).toBeVisible();
  await reread;
  // The re-read order reaches the page a render later.
  await page.waitForTimeout(300);
  const updatedAfter = await lastUpdated.getAttribute("datetime");
  if (fixed) expect(updatedAfter).toBe(updatedBefore);
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "nothing (<body>)";
    return `<${element.tagName.toLowerCase()}> ${element.textContent?.trim().slice(0, 40) ?? ""}`;
  });
  await shot(page, "check-status", {
    ...viewport,
    note: `Check status pressed with Enter; focus on: ${focused}; "Last updated" ${updatedBefore} → ${updatedAfter}`,
  });

  await page.route("**/UpdateOrder", (route) => route.abort("connectionrefused"));
  await page.getByLabel("Name", { exact: true }).fill(`${order.name} edited`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Couldn't save" })).toBeVisible();
  await shot(page, "save-unreachable", { area: page.getByRole("alert").filter({ hasText: "Couldn't save" }) });
});

test("pictures: after an outage the list reads again", async ({ page, api }) => {
  await listThroughOutage(page, api, uniquePrefix("Outage"));
  await showing(page, page.getByText("No orders match"));
  await shot(page, "after-outage", { ...viewport, note: "Server unreachable, then back: the header says Live" });
});

test("pictures: a phone's header at 390 px and 320 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await shot(page, "phone-390", viewport);
  await page.setViewportSize({ width: 320, height: 640 });
  await shot(page, "phone-320", viewport);
});

test("pictures: tokens and accounts in the reader's zone; a member's /accounts; sign out with an unsaved name", async ({
  page,
  browser,
}) => {
  // Accounts first: its first visit is where the browser tells the server its zone, so the
  // list after the add, and the tokens page, are rendered knowing it.
  const username = await addEditor(page);
  await shot(page, "accounts", { area: page.getByRole("list", { name: "Accounts" }) });
  await page.goto("/tokens");
  await shot(page, "tokens", { quality: 70 });

  // In the owner's zone, so the two pictures read alike.
  const { page: member } = await signedInAs(browser, username, password, {
    timezoneId: "Asia/Tokyo",
    viewport: { width: 1280, height: 800 },
  });
  await waitForHydration(member);
  await member.goto("/accounts");
  await shot(member, "member-accounts", viewport);

  await member.goto("/");
  await waitForHydration(member);
  await member.getByLabel("Name", { exact: true }).fill("Half-typed order");
  let asked = "";
  member.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await member.getByRole("button", { name: `Sign out ${username}` }).click();
  if (fixed) await expect.poll(() => asked).toContain("unsaved changes");
  else await member.waitForURL(/sign-in/);
  await shot(member, "sign-out-unsaved", {
    ...viewport,
    note: `Typed a name, pressed Sign out; the browser asked: ${asked ? `"${asked}" (answered Cancel)` : "nothing"}`,
  });
  await member.context().close();
});

const password = "a member's long password";

/** The owner adds an editor on /accounts; resolves to its username. */
async function addEditor(page: Page): Promise<string> {
  const username = uniquePrefix("editor").toLowerCase();
  await page.goto("/accounts");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password (at least 12 characters)").fill(password);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(`Account “${username}” added.`);
  return username;
}
