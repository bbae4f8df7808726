import { expect, test, uniquePrefix } from "./fixtures";

test("creates an order from the form and shows it at the top of the list", async ({ page }) => {
  const name = uniquePrefix("Paper");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "Completed", exact: true }).check();
  await page.getByRole("button", { name: "Add order" }).click();

  await expect(page.getByRole("status").filter({ hasText: `Created ${name}` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByRole("checkbox", { name: `Completed: ${name}` })).toBeChecked();
  // The form is ready for the next order.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");
});

test("sends the chosen local date as UTC and shows it back in local time", async ({ page, api }) => {
  const name = uniquePrefix("Dated");
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Date", { exact: true }).fill("2023-03-04T05:06");
  await page.getByRole("button", { name: "Add order" }).click();
  // The order dated 2023 may sort below the first page; the confirmation links to it.
  await page.getByRole("status").getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const uuid = page.url().split("/").at(-1)!;
  const expected = new Date(await page.evaluate(() => new Date("2023-03-04T05:06").toISOString()));
  expect((await api.read(uuid)).date).toBe(expected.toISOString());
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2023-03-04T05:06");
});

test("creates an order with the keyboard alone", async ({ page }) => {
  const name = uniquePrefix("Keyboard");
  await page.goto("/");
  // From the top of the page: skip link, then into the form by Tab only.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const nameInput = page.getByLabel("Name", { exact: true });
  for (
    let presses = 0;
    presses < 10 && !(await nameInput.evaluate((input) => input === document.activeElement));
    presses++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(nameInput).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("table").getByRole("link", { name })).toBeVisible();
  await expect(nameInput).toBeFocused();
});

test("shows the server's field violations beside the inputs and keeps the input", async ({ page }) => {
  await page.goto("/");
  const longName = `${uniquePrefix("Long")}-${"x".repeat(200)}`;
  const nameInput = page.getByLabel("Name", { exact: true });
  // The input's maxlength stops a person at 200; the server's own check is what is shown here.
  await nameInput.evaluate((input) => input.removeAttribute("maxlength"));
  await nameInput.fill(longName);
  await page.getByRole("button", { name: "Add order" }).click();

  const message = page.locator("#create-name-error");
  await expect(message).toHaveText(/Name must be at most 200 characters/);
  await expect(nameInput).toHaveAttribute("aria-invalid", "true");
  await expect(nameInput).toHaveAttribute("aria-describedby", "create-name-error");
  await expect(nameInput).toHaveAccessibleDescription(/at most 200 characters/);
  await expect(nameInput).toHaveValue(longName);
  await expect(nameInput).toBeFocused();

  // An empty name is caught before any request, with the same placement.
  await nameInput.fill("   ");
  await page.keyboard.press("Enter");
  await expect(message).toHaveText("Name is required.");
});

test("keeps what was typed when the server fails, and says so calmly, without a code", async ({ page }) => {
  const name = uniquePrefix("Kept");
  await page.goto("/");
  await page.route("**/api/order.OrderService/CreateOrder", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ code: "unavailable", message: "The order store is unavailable; try again shortly." }),
    }),
  );
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add order" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText(
    "Couldn't add the order: Can't reach the server right now. Nothing you typed is lost.",
  );
  await expect(alert.getByRole("button", { name: "Dismiss" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);

  await page.unroute("**/api/order.OrderService/CreateOrder");
  await page.getByRole("button", { name: "Add order" }).click();
  await expect(page.getByRole("table").getByRole("link", { name })).toBeVisible();
});
