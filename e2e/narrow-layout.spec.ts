import { expect, test, uniquePrefix } from "./fixtures";
import { shot } from "./screenshot";

// Issue 10, item 8: narrow screens, 200 % zoom and right-to-left names.
test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("nothing scrolls sideways and two long names that differ at the end both show in full", async ({
    page,
    api,
  }) => {
    const prefix = uniquePrefix("Narrow");
    const first = `${prefix} quarterly supplies for the north office`;
    const second = `${prefix} quarterly supplies for the south office`;
    await api.create(first);
    await api.create(second);
    await page.goto(`/?q=${prefix}`);
    for (const name of [first, second]) {
      const link = page.getByRole("table").getByRole("link", { name });
      await expect(link).toBeVisible();
      // Not cut off: the whole name fits in its box.
      expect(await link.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

test.describe("at 200 % zoom of a 1280 px window", () => {
  test.use({ viewport: { width: 640, height: 400 } });

  test("the Name input is at least as wide as the Date input", async ({ page }) => {
    await page.goto("/");
    const name = await page.getByLabel("Name", { exact: true }).boundingBox();
    const date = await page.getByLabel("Date", { exact: true }).boundingBox();
    expect(name!.width).toBeGreaterThanOrEqual(date!.width);
  });
});

test("a right-to-left name takes its own direction in the list, the heading and the form", async ({ page, api }) => {
  const name = `طلب ورق ${uniquePrefix("rtl")}`;
  const order = await api.create(name);
  await page.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("table").getByRole("link", { name })).toHaveAttribute("dir", "auto");
  await page.goto(`/orders/${order.uuid}`);
  await expect(page.getByRole("heading", { level: 1, name })).toHaveAttribute("dir", "auto");
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("dir", "auto");
});

test.describe("on a 390×844 phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("at least three orders are above the fold", async ({ page, api }) => {
    const prefix = uniquePrefix("Fold");
    await api.createMany(Array.from({ length: 5 }, (_, index) => `${prefix} ${index}`));
    await page.goto(`/?q=${prefix}`);
    const links = page.getByRole("table").getByRole("link");
    await expect(links).toHaveCount(5);
    for (let index = 0; index < 3; index++) await expect(links.nth(index)).toBeInViewport({ ratio: 1 });
    // The page size and the four paging buttons on one line.
    const first = await page.getByRole("button", { name: "First page" }).boundingBox();
    const last = await page.getByRole("button", { name: "Last page" }).boundingBox();
    expect(last!.y).toBe(first!.y);
  });

  test("the header says Live and who is signed in, in words, on one line under the links", async ({ page }) => {
    await page.goto("/");
    const live = page.getByRole("status").filter({ hasText: "Live" });
    await expect(live).toBeVisible();
    await expect(live).toBeInViewport({ ratio: 1 });
    // The header's own "Signed in as" is there too, hidden below 640 px.
    const signedIn = page.getByText(/^Signed in as /).filter({ visible: true });
    await expect(signedIn).toBeVisible();
    await expect(signedIn).toBeInViewport({ ratio: 1 });
    // Still one line of links, and nothing scrolls sideways.
    const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
    expect(nav!.height).toBeLessThanOrEqual(56);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "phone-header");
  });
});
