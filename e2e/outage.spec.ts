import { expect, test, uniquePrefix } from "./fixtures";

// Issue 10, item 7: an outage reads as one calm message with one retry, and no protocol codes.
test("the server stopping mid-session shows one message with one retry, then recovers", async ({ page, api }) => {
  const prefix = uniquePrefix("Down");
  await api.create(`${prefix} one`);
  await page.goto(`/?q=${prefix}`);
  await expect(page.getByRole("table").getByRole("link")).toHaveCount(1);

  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  await page.getByRole("radio", { name: "Completed" }).check();
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toHaveCount(1);
  await expect(main.getByRole("alert")).toContainText("Can't reach the server");
  await expect(main.getByRole("button", { name: "Try again" })).toHaveCount(1);
  await expect(main).not.toContainText(/UNKNOWN|UNAVAILABLE|\(\w+_\w+\)/);

  await page.unroute("**/api/**");
  await main.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("No orders match")).toBeVisible();
  await expect(main.getByRole("alert")).toHaveCount(0);
});
