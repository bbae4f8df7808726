import { expect, test, uniquePrefix } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("works on a 390×844 phone: no sideways scrolling, create, toggle, open", async ({ page, api }) => {
  const prefix = uniquePrefix("Phone");
  await api.create(`${prefix} with a rather long name that must wrap or truncate on a small screen`);
  await page.goto(`/?q=${prefix}`);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.getByLabel("Name", { exact: true }).fill(`${prefix} from phone`);
  await page.getByRole("button", { name: "Add order" }).tap();
  const created = page.getByRole("table").getByRole("link", { name: `${prefix} from phone` });
  await expect(created).toBeVisible();

  const toggle = page.getByRole("checkbox", { name: `Completed: ${prefix} from phone` });
  await toggle.tap();
  await expect(toggle).toBeChecked();

  await created.tap();
  await expect(page.getByRole("heading", { level: 1, name: `${prefix} from phone` })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
