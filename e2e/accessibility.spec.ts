import AxeBuilder from "@axe-core/playwright";
import { expect, test, uniquePrefix } from "./fixtures";
import type { Page } from "@playwright/test";

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test("every page has no axe violations", async ({ page, api }) => {
      const order = await api.create(uniquePrefix("Axe"), { date: "2024-05-01T10:00:00Z" });
      for (const path of [
        `/?q=${order.name}`,
        `/?status=completed&q=${uniquePrefix("none")}`,
        `/orders/${order.uuid}`,
        "/orders/00000000-0000-4000-8000-000000000000",
        "/no-such-page",
        "/tokens",
        "/accounts",
        "/password",
      ]) {
        await test.step(path, async () => {
          await page.goto(path);
          await expectNoViolations(page);
        });
      }
      // The states a person reaches by acting: a refused field, and the delete dialog.
      await page.goto(`/orders/${order.uuid}`);
      await page.getByLabel("Name", { exact: true }).fill(" ");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("Name is required.")).toBeVisible();
      await expectNoViolations(page);
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await expectNoViolations(page);
    });
  });
}
