import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "./support/session";

/**
 * What a person meets before the page's script has run (a slow phone, a stalled bundle): the
 * server's HTML, with JavaScript off in the browser to hold that moment still. Buttons that only
 * script can work say they are not ready yet, and a client form submitted anyway posts to the page
 * instead of copying what was typed (here a Slack bot token) into the address. A choice made in a
 * list, or text typed in a field, before the script runs is what the form works with once it does.
 */

/** Holds the page's script chunks back until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/chunks\/.+\.js/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("before the script runs, buttons say they are not ready and a submitted form keeps its token out of the address", async ({ browser, request: api }) => {
  await signInOverHttp(api, "admin@gocoffee.test", "espresso-admin");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await api.storageState() });
  try {
    const page = await context.newPage();
    await page.goto("/admin/integrations");
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();

    const form = page.getByRole("form", { name: "Connect Slack" });
    await expect(form.getByRole("button", { name: "Connect Slack" })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Ada Okafor" })).toBeDisabled(); // the account menu

    const token = `xoxb-before-script-${Date.now()}`;
    await form.getByLabel("Bot token").fill(token);
    const submitted = page.waitForRequest((r) => r.isNavigationRequest());
    await form.getByLabel("Bot token").press("Enter"); // a form submits on Enter, script or not
    const request = await submitted;
    expect(request.method()).toBe("POST");
    expect(request.url()).not.toContain(token);
    await page.waitForLoadState("load");
    expect(page.url()).not.toContain(token);
    // The page shows itself again; nothing was connected (only the script connects).
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expect(page.getByText(token)).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("a choice made before the script runs is the one the form works with once it does", async ({ browser, request: api }) => {
  await signInOverHttp(api, "manager@gocoffee.test", "espresso-manager");
  const context = await browser.newContext({ storageState: await api.storageState() });
  try {
    const page = await context.newPage();
    // Hold the page's script back (a slow phone), choose, then let it run.
    const release = await holdScripts(page);
    await page.goto("/manager/chicago-loop/stock", { waitUntil: "commit" });
    const form = page.getByRole("form", { name: "Supplier settings" });
    await form.getByLabel("Ingredient").selectOption({ label: "Hazelnut syrup" });
    await expect(form.getByRole("button", { name: "Save supplier" })).toBeDisabled();
    release();

    await expect(form.getByRole("button", { name: "Save supplier" })).toBeEnabled({ timeout: 30_000 });
    // The fields are hazelnut syrup's, as the list shows: saving would write its settings.
    await expect(form.getByLabel("Ingredient")).toHaveValue(await form.getByRole("option", { name: /^Hazelnut syrup/ }).getAttribute("value") as string);
    await expect(form.getByRole("group", { name: "Hazelnut syrup" })).toBeVisible();
    await expect(form.getByLabel("Reorder level (ml)")).toBeVisible();
  } finally {
    await context.close();
  }
});

test("text typed before the script runs is the text the form sends once it does", async ({ browser, request: api }, testInfo) => {
  await signInOverHttp(api, "admin@gocoffee.test", "espresso-admin");
  const context = await browser.newContext({ storageState: await api.storageState() });
  try {
    const page = await context.newPage();
    const release = await holdScripts(page);
    await page.goto("/admin/shops/new", { waitUntil: "commit" });
    // "Shop name" is a controlled input (the web address follows it as it is typed).
    const name = `Go Coffee Harbor ${testInfo.project.name} ${Date.now() % 100_000}`;
    await page.getByLabel("Shop name").fill(name);
    await page.getByLabel("Street address").fill("9 Embarcadero");
    await page.getByLabel("City").fill("San Francisco");
    await page.getByLabel("Postal code").fill("94111");
    await expect(page.getByRole("button", { name: "Open shop" })).toBeDisabled();
    release();

    await expect(page.getByRole("button", { name: "Open shop" })).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByLabel("Shop name")).toHaveValue(name);
    await page.getByRole("button", { name: "Open shop" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  } finally {
    await context.close();
  }
});

test("dates typed before the script runs are the period the dashboard applies once it does", async ({ browser, request: api }) => {
  await signInOverHttp(api, "manager@gocoffee.test", "espresso-manager");
  const context = await browser.newContext({ storageState: await api.storageState() });
  try {
    const page = await context.newPage();
    const release = await holdScripts(page);
    await page.goto("/manager", { waitUntil: "commit" });
    // "From" and "To" are controlled inputs outside any Field (ClientInput).
    await page.getByRole("textbox", { name: "From", exact: true }).fill("2026-11-02");
    await page.getByRole("textbox", { name: "To", exact: true }).fill("2026-11-08");
    release();

    const apply = page.getByRole("button", { name: "Apply dates" });
    await expect(apply).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByRole("textbox", { name: "From", exact: true })).toHaveValue("2026-11-02");
    await apply.click();
    await expect(page).toHaveURL(/from=2026-11-02&to=2026-11-08/);
    await expect(page.getByRole("textbox", { name: "To", exact: true })).toHaveValue("2026-11-08");
  } finally {
    await context.close();
  }
});
