import type { Locator, Page } from "@playwright/test";
import { expect, uniquePrefix } from "./fixtures";

/** The list's create form, sent while CreateOrder cannot reach the server: its error alert. */
export async function refusedCreate(page: Page): Promise<Locator> {
  await page.goto("/");
  await page.route("**/CreateOrder", (route) => route.abort("connectionrefused"));
  await page.getByLabel("Name", { exact: true }).fill(uniquePrefix("Refused"));
  await page.getByRole("button", { name: "Add order" }).click();
  const error = page.getByRole("alert").filter({ hasText: "Couldn't add the order" });
  await expect(error).toBeVisible();
  return error;
}
