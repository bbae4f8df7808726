import { readFile } from "node:fs/promises";
import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";

// Tokyo is 9 hours ahead of UTC, so its calendar days and UTC's differ for 9 hours of each day.
test.use({ timezoneId: "Asia/Tokyo", locale: "en-US" });

test("Export CSV of a date range holds the viewer's days, as the list does", async ({ page, api }) => {
  const prefix = uniquePrefix("Ranged");
  await api.create(`${prefix} before`, { date: "2026-03-06T14:00:00Z" }); // 6 March, 23:00 in Tokyo
  await api.create(`${prefix} inside`, { date: "2026-03-06T16:00:00Z" }); // 7 March, 01:00 in Tokyo
  await api.create(`${prefix} after`, { date: "2026-03-07T16:00:00Z" }); // 8 March, 01:00 in Tokyo
  await page.goto(`/?q=${encodeURIComponent(prefix)}&from=2026-03-07&to=2026-03-07`);
  await waitForHydration(page);
  const list = page.getByRole("table");
  await expect(list.getByRole("link", { name: `${prefix} inside` })).toBeVisible();
  await expect(list.getByRole("link", { name: new RegExp(`${prefix} (before|after)`) })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const lines = (await readFile(await (await download).path(), "utf8")).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${prefix} inside,false,2026-03-06T16:00:00`);
});
