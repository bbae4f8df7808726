import { expect, test, uniquePrefix } from "./fixtures";
import { refusedCreate } from "./create-form";
import { shot } from "./screenshot";

// Issue 23, the small ones: each is something a person noticed in a day of use.

test("the name field counts characters up to its limit", async ({ page }) => {
  await page.goto("/");
  const name = page.getByLabel("Name", { exact: true });
  await name.fill("Paper");
  await shot(page, "name-counter");
  await expect(page.getByText("5/200")).toBeVisible();
  await expect(name).toHaveAttribute("maxlength", "200");
});

test("the header marks the page being shown, and each list view titles its tab", async ({ page }) => {
  await page.goto("/tokens");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }),
  ).toHaveAttribute("aria-current", "page");
  await page.goto("/?status=open&q=ink");
  await expect(page).toHaveTitle("Open orders matching “ink” · Orders");
});

test("a failed create can be dismissed", async ({ page }) => {
  const error = await refusedCreate(page);
  await shot(page, "create-error-dismiss");
  await error.getByRole("button", { name: "Dismiss" }).click();
  await expect(error).toHaveCount(0);
});

test("an edit that cannot reach the server says once that nothing is lost", async ({ page, api }) => {
  const order = await api.create(uniquePrefix("Kept"));
  await page.goto(`/orders/${order.uuid}`);
  await page.route("**/UpdateOrder", (route) => route.abort("connectionrefused"));
  await page.getByLabel("Name", { exact: true }).fill(`${order.name} edited`);
  await page.getByRole("button", { name: "Save changes" }).click();
  const error = page.getByRole("alert").filter({ hasText: "Couldn't save" });
  await expect(error).toContainText("Nothing you typed is lost.");
  await shot(page, "kept-once");
  await expect(error).not.toContainText("Your changes are kept");
});

test("tokens show dates in the viewer's zone and link the API reference, as the footer does", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: test.info().project.use.storageState,
    timezoneId: "Asia/Tokyo",
    locale: "de-DE",
  });
  const page = await context.newPage();
  await page.goto("/tokens");
  await page.reload();
  await shot(page, "tokens-dates");
  await expect(page.getByRole("table")).not.toContainText("UTC");
  await expect(page.getByRole("main").getByRole("link", { name: "API reference" })).toHaveAttribute(
    "href",
    "/api/docs",
  );
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "API reference" })).toBeVisible();
  await context.close();
});

test("order names look like links, and a success message goes by itself", async ({ page, api }) => {
  const name = uniquePrefix("Linky");
  await api.create(name);
  await page.goto(`/?q=${name}`);
  const link = page.getByRole("table").getByRole("link", { name });
  expect(await link.evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain("underline");
  await page.getByRole("checkbox", { name: `Completed: ${name}` }).click();
  const saved = page.getByText(`Marked “${name}” as completed.`);
  await expect(saved).toBeVisible();
  await shot(page, "success-message");
  await expect(saved).toHaveCount(0, { timeout: 15_000 });
});

// Last: on today's code it signs the shared owner session out.
test("signing out with an unsaved name asks first", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill("Half-typed order");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Sign out owner" }).click();
  await expect.poll(() => asked).toContain("unsaved changes");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Half-typed order");
  await expect(page.getByRole("button", { name: "Sign out owner" })).toBeVisible();
});
