import AxeBuilder from "@axe-core/playwright";
import { expect, test, uniquePrefix } from "./fixtures";
import type { Page } from "@playwright/test";
import type { Order } from "@/gen/order/order_pb";

test.describe.configure({ mode: "parallel" });

async function expectNoViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    // One test per page: an axe pass takes seconds on a busy machine, and as separate tests
    // (the file runs in parallel) they spread over the workers instead of adding up in one timeout.
    const pages: [string, (order: Order) => string][] = [
      ["the list", (order) => `/?q=${order.name}`],
      ["the list with no match", () => `/?status=completed&q=${uniquePrefix("none")}`],
      ["an order", (order) => `/orders/${order.uuid}`],
      ["an unknown order", () => "/orders/00000000-0000-4000-8000-000000000000"],
      ["a missing page", () => "/no-such-page"],
      ["tokens", () => "/tokens"],
      ["accounts", () => "/accounts"],
      ["password", () => "/password"],
    ];
    for (const [name, path] of pages) {
      test(`${name} has no axe violations`, async ({ page, api }) => {
        await page.goto(path(await api.create(uniquePrefix("Axe"), { date: "2024-05-01T10:00:00Z" })));
        await expectNoViolations(page);
      });
    }

    test("a refused field and the delete dialog have no axe violations", async ({ page, api }) => {
      const order = await api.create(uniquePrefix("Axe"), { date: "2024-05-01T10:00:00Z" });
      // The states a person reaches by acting.
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
