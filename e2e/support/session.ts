import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Fills the sign-in form the page shows (a protected page asks for it) and submits it, as a person does. */
export async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs `request` in through next-auth's credentials endpoint; answers its Cookie header. */
export async function signInOverHttp(request: APIRequestContext, email: string, password: string): Promise<string> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(response.ok()).toBe(true);
  const cookies = (await request.storageState()).cookies;
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
