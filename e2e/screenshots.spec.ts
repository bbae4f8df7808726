import { expect, signedIn, test, uniquePrefix } from "./fixtures";

// Not assertions about pixels: a record of what people see, saved for anyone to look at.
const screens = [
  { label: "desktop", viewport: { width: 1280, height: 900 } },
  { label: "mobile", viewport: { width: 390, height: 844 } },
] as const;
const schemes = ["light", "dark"] as const;

for (const screen of screens) {
  for (const colorScheme of schemes) {
    test(`screenshots: ${screen.label}, ${colorScheme}`, async ({ browser, api }) => {
      const prefix = uniquePrefix("Shot");
      const orders = await api.createMany(
        ["Printer paper, 12 boxes", "Espresso beans", "Standing desk", "Monitor arm", "USB-C cables ×20"].map(
          (name) => `${name} · ${prefix}`,
        ),
        (index) => ({
          completed: index % 2 === 1,
          date: new Date(Date.UTC(2025, 4, 10 - index, 9 + index)).toISOString(),
        }),
      );
      const context = await browser.newContext({
        viewport: screen.viewport,
        colorScheme,
        timezoneId: "Europe/Berlin",
        ...signedIn,
      });
      const page = await context.newPage();
      await page.goto(`/?q=${prefix}`);
      await expect(page.getByRole("table").getByRole("link")).toHaveCount(5);
      await page.screenshot({ path: `screenshots/list-${screen.label}-${colorScheme}.png`, fullPage: true });

      await page.goto(`/orders/${orders[0]!.uuid}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.screenshot({ path: `screenshots/detail-${screen.label}-${colorScheme}.png`, fullPage: true });
      await context.close();
    });
  }
}
