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

test("an order link clicked while the server is down does not silently drop a typed name", async ({ page, api }) => {
  const prefix = uniquePrefix("DownLink");
  await api.create(`${prefix} one`);
  await page.goto(`/?q=${prefix}`);
  await page.getByLabel("Name", { exact: true }).fill(`${prefix} typed`);
  // The page request fails as it would with the server stopped; Next then falls back to a full load.
  await page.route("**/orders/**", (route) => route.abort("connectionrefused"));
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page
    .getByRole("table")
    .getByRole("link", { name: `${prefix} one` })
    .click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/\?q=/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${prefix} typed`);
});

test("an order link whose page cannot be reached stays on the list with the outage message", async ({ page, api }) => {
  const prefix = uniquePrefix("DownOpen");
  await api.create(`${prefix} one`);
  await page.goto(`/?q=${prefix}`);
  await page.getByLabel("Name", { exact: true }).fill(`${prefix} typed`);
  // The order's page does not answer, as with the server stopped; the list stays loaded.
  await page.route("**/orders/**", (route) => route.abort("connectionrefused"));
  // The person agrees to leave the typed name behind; the app must still not give way to the
  // browser's error page.
  page.on("dialog", (dialog) => void dialog.accept());
  await page
    .getByRole("table")
    .getByRole("link", { name: `${prefix} one` })
    .click();
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toHaveCount(1);
  await expect(main.getByRole("alert")).toContainText("Can't reach the server");
  await expect(main.getByRole("button", { name: "Try again" })).toHaveCount(1);
  await expect(page).toHaveURL(/\/\?q=/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${prefix} typed`);

  await page.unroute("**/orders/**");
  await main.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${prefix} one` })).toBeVisible();
});
