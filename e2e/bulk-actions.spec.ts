import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";

/** The list filtered to names with `prefix`, ready for clicks. */
async function openList(page: Page, prefix: string) {
  await page.goto(`/?q=${encodeURIComponent(prefix)}`);
  await waitForHydration(page);
}

test("three selected rows are marked completed in one action, and Undo reverts them", async ({ page, api }) => {
  const prefix = uniquePrefix("Bulk");
  const names = [`${prefix} a`, `${prefix} b`, `${prefix} c`];
  for (const name of names) await api.create(name);
  await openList(page, prefix);
  for (const name of names) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(page.getByText("3 orders selected")).toBeAttached();

  const requests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("OrderBulkService")) requests.push(request.url());
  });
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Mark completed" }).click();
  await expect(page.getByText("3 orders marked completed.")).toBeAttached();
  for (const name of names) await expect(page.getByRole("checkbox", { name: `Completed: ${name}` })).toBeChecked();
  expect(requests).toHaveLength(1);
  expect(requests[0]).toContain("BatchUpdateOrders");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Undone: 3 orders back as they were.")).toBeAttached();
  for (const name of names) await expect(page.getByRole("checkbox", { name: `Completed: ${name}` })).not.toBeChecked();
  await page.reload();
  for (const name of names) await expect(page.getByRole("checkbox", { name: `Completed: ${name}` })).not.toBeChecked();
});

test("select all on the page, delete, then Undo brings the orders back", async ({ page, api }) => {
  const prefix = uniquePrefix("Gone");
  const names = [`${prefix} 1`, `${prefix} 2`];
  for (const name of names) await api.create(name);
  await openList(page, prefix);
  await page.getByRole("checkbox", { name: "Select all orders on this page" }).check();
  await expect(page.getByText("2 orders selected")).toBeAttached();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("2 orders deleted.")).toBeAttached();
  for (const name of names) await expect(page.getByRole("link", { name })).toHaveCount(0);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Undone: 2 orders restored.")).toBeAttached();
  for (const name of names) await expect(page.getByRole("link", { name })).toBeVisible();
  await page.reload();
  for (const name of names) await expect(page.getByRole("link", { name })).toBeVisible();
});

test("Export CSV downloads the current view", async ({ page, api }) => {
  const prefix = uniquePrefix("Export");
  await api.create(`${prefix} =sum`);
  await api.create(`${prefix} plain`, { completed: true });
  await openList(page, prefix);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^orders-.*\.csv$/);
  const text = await readFile(await file.path(), "utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toBe("uuid,name,completed,date,create_time,update_time");
  expect(lines).toHaveLength(3);
  expect(text).toContain(`,${prefix} plain,true,`);
});

test("an import shows the report first, and creates nothing until the file is right", async ({ page }) => {
  const prefix = uniquePrefix("Imported");
  await page.goto("/orders/import");
  await waitForHydration(page);
  const choose = (text: string) =>
    page.getByLabel("CSV file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

  await choose(`name,completed\n${prefix} one,true\n,maybe\n`);
  await page.getByRole("button", { name: "Check file" }).click();
  const problems = page.getByRole("table", { name: "Problems in the file" });
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expect(problems).toContainText("Name is required.");
  await expect(problems).toContainText("completed must be true, false or empty (false).");
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  await choose(`name,completed\n${prefix} one,true\n"${prefix} two, quoted",false\n`);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("All 2 rows can be imported.")).toBeVisible();
  await page.getByRole("button", { name: "Import 2 orders" }).click();
  await expect(page.getByText("Imported 2 orders")).toBeVisible();
  await openList(page, prefix);
  await expect(page.getByRole("link", { name: `${prefix} two, quoted` })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: `Completed: ${prefix} one` })).toBeChecked();
});
