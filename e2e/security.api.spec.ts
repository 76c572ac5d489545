import { expect, test } from "@playwright/test";

/** Security headers on pages and the CSRF check on API writes, against the production build. */

test("pages carry a nonce CSP that their own scripts satisfy, and the other security headers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // Over plain http (this test server) HSTS would be ignored, so it is not sent.
  expect(headers["strict-transport-security"]).toBeUndefined();

  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce for every request.
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("a page renders and hydrates under its CSP (no violations)", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await page.goto("/shops/sfo-terminal-2");
  await page.getByRole("button", { name: "Caffè latte" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible(); // only works once React has hydrated
  expect(violations).toEqual([]);
});

test("an API write from another site is refused with a message and writes nothing", async ({ request }) => {
  const order = { shop: "sfo-terminal-2", customerName: "Mallory", items: [{ product: "butter-croissant", quantity: 1 }] };
  const key = `csrf-${Date.now()}`;
  const refused = await request.post("/api/orders", { data: order, headers: { origin: "https://evil.example", "idempotency-key": key } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toMatch(/evil\.example/);

  // The same request from our own origin (or a non-browser client) goes through, with the same key:
  // had the refused one written anything, this would return that order instead of creating one.
  const accepted = await request.post("/api/orders", { data: order, headers: { "idempotency-key": key } });
  expect(accepted.status()).toBe(201);
});
