import { expect, test, uniquePrefix, waitForHydration } from "./fixtures";
import { shot } from "./screenshot";

// Issue 10, item 4: the completed checkbox reads as what it is and keeps focus and row in place.
test("ticking an order under the Open filter keeps its row and focus, and says what was saved", async ({
  page,
  api,
}) => {
  const name = uniquePrefix("Tick");
  const order = await api.create(name);
  await page.goto(`/?status=open&q=${name}`);
  await expect(page.getByRole("columnheader", { name: "Completed" })).toBeVisible();
  await waitForHydration(page);

  const checkbox = page.getByRole("checkbox", { name: `Completed: ${name}` });
  await checkbox.focus();
  const saved = page.waitForResponse((response) => response.url().includes("UpdateOrder"));
  await page.keyboard.press("Space");
  await saved;
  await expect(page.getByRole("status").filter({ hasText: `Marked “${name}” as completed.` })).toBeVisible();
  // Well past the moment the old code removed the row (about 60 ms).
  await page.waitForTimeout(1_000);
  await expect(page.getByRole("row").filter({ hasText: name })).toBeVisible();
  await expect(checkbox).toBeChecked();
  await expect(checkbox).toBeFocused();
  expect((await api.read(order.uuid)).completed).toBe(true);
});

test("each row says once whether it is completed: the checkbox, with no Status badge beside it", async ({
  page,
  api,
}) => {
  const prefix = uniquePrefix("Once");
  await api.create(`${prefix} open`);
  await api.create(`${prefix} done`, { completed: true });
  await page.goto(`/?q=${prefix}`);
  const table = page.getByRole("table");
  await expect(table.getByRole("checkbox", { name: `Completed: ${prefix} done` })).toBeChecked();
  await expect(table.getByRole("checkbox", { name: `Completed: ${prefix} open` })).not.toBeChecked();
  await expect(table.getByRole("columnheader", { name: "Status" })).toHaveCount(0);
  for (const row of await table.getByRole("row").filter({ hasText: prefix }).all()) {
    await expect(row).not.toContainText(/\b(Open|Completed)\b/);
  }
  await shot(page, "completed-column");
});
