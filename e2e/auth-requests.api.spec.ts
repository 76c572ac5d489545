import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";

/**
 * next-auth's endpoints (/api/auth/*) against the production build: every malformed request gets a
 * 4xx with a sentence (next-auth alone answered several of these with a 500), and a well-formed
 * sign-in still works over plain HTTP.
 */

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function csrfToken(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/auth/csrf");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function refused(response: APIResponse, status: number, message: RegExp): Promise<void> {
  expect(response.status(), await response.text()).toBe(status);
  const body = (await response.json()) as { error?: { message?: string } };
  expect(body.error?.message).toMatch(message);
}

test("malformed requests to /api/auth/* answer 4xx with a sentence, never 5xx", async ({ request }) => {
  const token = await csrfToken(request);
  const url = "/api/auth/callback/credentials";
  await refused(await request.post(url, { headers: { "content-type": "application/json" }, data: Buffer.alloc(0) }), 400, /not valid JSON/);
  await refused(await request.post(url, { headers: { "content-type": "application/json" }, data: Buffer.from("{") }), 400, /not valid JSON/);
  await refused(await request.post(url, { headers: { "content-type": "application/json" }, data: Buffer.from("[1,2]") }), 400, /must be a JSON object/);
  await refused(await request.post(url, { headers: { "content-type": "text/plain" }, data: "email=a&password=b" }), 415, /x-www-form-urlencoded/);
  await refused(await request.post(url, { multipart: { email: "a@example.test", password: "b", csrfToken: token } }), 415, /x-www-form-urlencoded/);
  await refused(await request.post(url, { headers: FORM, data: "" }), 400, /csrfToken is missing/);
  await refused(await request.post(url, { headers: FORM, data: `csrfToken=${token}&email=a%40example.test` }), 400, /needs password/);
  await refused(await request.post("/api/auth/callback/siwe", { headers: FORM, data: `csrfToken=${token}&message=hello` }), 400, /needs signature/);
  // Huge: refused before it is read.
  await refused(await request.post(url, { headers: FORM, data: `csrfToken=${token}&email=a&password=${"x".repeat(2 * 1024 * 1024)}` }), 413, /too large/);
  // Unknown endpoints and methods next-auth does not serve.
  await refused(await request.post("/api/auth/callback/github", { headers: FORM, data: `csrfToken=${token}` }), 404, /no sign-in method "github"/);
  await refused(await request.post("/api/auth/nothing-here", { headers: FORM, data: `csrfToken=${token}` }), 404, /There is no POST/);
  await refused(await request.get("/api/auth/callback/credentials"), 404, /There is no GET/);
  await refused(await request.get("/api/auth/unknown"), 404, /There is no GET/);
  await refused(await request.post("/api/auth/_log", { headers: FORM, data: "level=__proto__&code=x" }), 400, /log entry/);
  await refused(await request.post("/api/auth/session", { headers: { "content-type": "application/json" }, data: Buffer.from("{") }), 400, /not valid JSON/);
});

test("a well-formed sign-in still works over HTTP; a wrong password is a 401, not a 500", async ({ request }) => {
  const token = await csrfToken(request);
  const form = (password: string) => new URLSearchParams({ csrfToken: token, email: "customer@gocoffee.test", password, json: "true" }).toString();

  const wrong = await request.post("/api/auth/callback/credentials", { headers: FORM, data: form("not the password") });
  expect(wrong.status()).toBe(401);
  expect(((await wrong.json()) as { url: string }).url).toContain("error=");

  const right = await request.post("/api/auth/callback/credentials", { headers: FORM, data: form("espresso-customer") });
  expect(right.status()).toBe(200);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email: string } };
  expect(session.user?.email).toBe("customer@gocoffee.test");
});
