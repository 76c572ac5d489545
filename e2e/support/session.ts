import { expect, type APIRequestContext } from "@playwright/test";

/** Signs `request` in through next-auth's credentials endpoint; answers its Cookie header. */
export async function signInOverHttp(request: APIRequestContext, email: string, password: string): Promise<string> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(response.ok()).toBe(true);
  const cookies = (await request.storageState()).cookies;
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}
