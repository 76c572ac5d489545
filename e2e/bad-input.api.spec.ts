import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInOverHttp } from "./support/session";

/**
 * Bad input at every route handler, over HTTP: ids that are not UUIDs, bodies that are not JSON
 * (or not objects, or the wrong type), unknown actions and fields, oversized bodies. Each answers
 * a 4xx with a sentence, never a 5xx, and (checked where it could) changes nothing.
 */

const SHOP = "sfo-terminal-2";
const NOT_UUID = ["abc", "1", "../../etc/passwd", "%00", "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --"];
const BIG = "x".repeat(70 * 1024);

type Case = { name: string; method: "GET" | "POST"; path: string; body?: string; type?: string; status?: number };

async function expect4xx(request: APIRequestContext, c: Case, cookie?: string) {
  const response = await request.fetch(c.path, {
    method: c.method,
    headers: { ...(c.type ? { "content-type": c.type } : {}), ...(cookie ? { cookie } : {}) },
    // A Buffer goes out byte for byte (a string with a JSON content type would be encoded as JSON).
    ...(c.body === undefined ? {} : { data: Buffer.from(c.body) }),
  });
  const status = response.status();
  expect(status, `${c.name}: ${c.method} ${c.path}`).toBeGreaterThanOrEqual(400);
  expect(status, `${c.name}: ${c.method} ${c.path}`).toBeLessThan(500);
  if (c.status) expect(status, `${c.name}: ${c.method} ${c.path}`).toBe(c.status);
  if (response.headers()["content-type"]?.includes("json")) {
    const body = (await response.json()) as { error?: { message?: string } };
    expect(body.error?.message, c.name).toMatch(/\w+/);
  }
}

const json = "application/json";
const bodies = (what: string, method: "POST", path: string): Case[] => [
  { name: `${what}: not JSON`, method, path, body: "{not json", type: json, status: 400 },
  { name: `${what}: JSON but not an object`, method, path, body: "[1,2,3]", type: json },
  { name: `${what}: JSON null`, method, path, body: "null", type: json },
  { name: `${what}: another content type`, method, path, body: "a=b", type: "application/x-www-form-urlencoded" },
  { name: `${what}: empty`, method, path, body: "", type: json },
  { name: `${what}: over 64 KB`, method, path, body: JSON.stringify({ notes: BIG }), type: json, status: 413 },
];

test("orders: bad ids, bodies and tokens get a 4xx with a message", async ({ request }) => {
  const cases: Case[] = [
    ...bodies("place", "POST", "/api/orders"),
    { name: "place: an unknown field", method: "POST", path: "/api/orders", body: JSON.stringify({ shop: SHOP, customerName: "A", items: [{ product: "espresso", quantity: 1 }], price: 1 }), type: json, status: 422 },
    ...NOT_UUID.flatMap((id): Case[] => [
      { name: "read", method: "GET", path: `/api/orders/${encodeURIComponent(id)}`, status: 404 },
      { name: "read with a token", method: "GET", path: `/api/orders/${encodeURIComponent(id)}?token=${"t".repeat(200)}`, status: 404 },
      { name: "cancel", method: "POST", path: `/api/orders/${encodeURIComponent(id)}/cancel`, status: 404 },
      { name: "events", method: "GET", path: `/api/orders/${encodeURIComponent(id)}/events`, status: 404 },
      { name: "invoice", method: "GET", path: `/api/orders/${encodeURIComponent(id)}/invoice`, status: 404 },
      { name: "quote", method: "POST", path: `/api/orders/${encodeURIComponent(id)}/invoice`, body: JSON.stringify({ chainId: 31337, token: "USDC" }), type: json, status: 404 },
    ]),
  ];
  for (const c of cases) await expect4xx(request, c);

  // The customer's own order, with its token: bad bodies still refused, and nothing changed.
  const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Bad Input", paymentMethod: "CRYPTO", items: [{ product: "espresso", quantity: 1 }] } });
  const { order } = (await placed.json()) as { order: { id: string; trackingToken: string } };
  const own = (suffix: string) => `/api/orders/${order.id}${suffix}?token=${order.trackingToken}`;
  for (const c of bodies("quote", "POST", own("/invoice"))) await expect4xx(request, c);
  for (const data of [{ chainId: "31337", token: "USDC" }, { chainId: 31337, token: "USDC", extra: 1 }, { chainId: -1, token: "USDC" }, { chainId: 31337, token: "X".repeat(500) }]) {
    await expect4xx(request, { name: `quote ${JSON.stringify(data).slice(0, 40)}`, method: "POST", path: own("/invoice"), body: JSON.stringify(data), type: json });
  }
  expect((await request.get(own("/invoice"))).status()).toBe(404); // no invoice was made
});

test("staff routes: refunds, claims, ticket actions, queues and the dashboard refuse bad input with a 4xx", async ({ request }) => {
  const cookie = await signInOverHttp(request, "manager@gocoffee.test", "espresso-manager");
  const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Bad Input", items: [{ product: "espresso", quantity: 1 }] } });
  const { order } = (await placed.json()) as { order: { id: string } };
  const cases: Case[] = [
    ...NOT_UUID.flatMap((id): Case[] => [
      { name: "refund", method: "POST", path: `/api/orders/${encodeURIComponent(id)}/refund`, body: "{}", type: json, status: 404 },
      { name: "ticket action", method: "POST", path: `/api/shops/${SHOP}/orders/${encodeURIComponent(id)}/actions`, body: JSON.stringify({ action: "start", version: 0 }), type: json, status: 404 },
      { name: "hand over", method: "POST", path: `/api/shops/${SHOP}/claim`, body: JSON.stringify({ orderId: id, code: "ABCDE" }), type: json, status: 422 },
    ]),
    ...bodies("refund", "POST", `/api/orders/${order.id}/refund`),
    { name: "refund: a malformed tx hash", method: "POST", path: `/api/orders/${order.id}/refund`, body: JSON.stringify({ txHash: "0x1234" }), type: json, status: 422 },
    { name: "refund: an unknown field", method: "POST", path: `/api/orders/${order.id}/refund`, body: JSON.stringify({ amount: 1 }), type: json, status: 422 },
    ...bodies("ticket action", "POST", `/api/shops/${SHOP}/orders/${order.id}/actions`),
    { name: "ticket action: an unknown action", method: "POST", path: `/api/shops/${SHOP}/orders/${order.id}/actions`, body: JSON.stringify({ action: "delete", version: 0 }), type: json, status: 422 },
    { name: "ticket action: a negative version", method: "POST", path: `/api/shops/${SHOP}/orders/${order.id}/actions`, body: JSON.stringify({ action: "start", version: -1 }), type: json, status: 422 },
    { name: "ticket action: item-done without an item", method: "POST", path: `/api/shops/${SHOP}/orders/${order.id}/actions`, body: JSON.stringify({ action: "item-done", itemId: "x" }), type: json, status: 422 },
    ...bodies("hand over", "POST", `/api/shops/${SHOP}/claim`),
    { name: "hand over: no code", method: "POST", path: `/api/shops/${SHOP}/claim`, body: JSON.stringify({ orderId: order.id }), type: json, status: 422 },
    { name: "hand over: a code as a number", method: "POST", path: `/api/shops/${SHOP}/claim`, body: JSON.stringify({ orderId: order.id, code: 12345 }), type: json, status: 422 },
    { name: "find: a very long code", method: "GET", path: `/api/shops/${SHOP}/claim?code=${"Z".repeat(5000)}`, status: 404 },
    { name: "queue of an unknown shop", method: "GET", path: "/api/shops/atlantis/queue", status: 404 },
    { name: "queue stream of an unknown shop", method: "GET", path: "/api/shops/atlantis/queue/events", status: 404 },
    { name: "board stream of an unknown shop", method: "GET", path: "/api/shops/%2e%2e/board/events", status: 404 },
    { name: "dashboard: an unknown range", method: "GET", path: "/api/dashboard?range=forever", status: 422 },
    { name: "dashboard: dates backwards", method: "GET", path: "/api/dashboard?from=2026-12-01&to=2026-01-01", status: 422 },
    { name: "dashboard: not a date", method: "GET", path: "/api/dashboard?from=yesterday&to=today", status: 422 },
    { name: "dashboard events: a shop outside one's reach", method: "GET", path: "/api/dashboard/events?shops=atlantis", status: 403 },
  ];
  for (const c of cases) await expect4xx(request, c, cookie);
  // None of it touched the order (staff may read any order of their shop).
  const after = (await (await request.get(`/api/orders/${order.id}`, { headers: { cookie } })).json()) as { order: { status: string; version: number } };
  expect(["PLACED", "QUEUED"]).toContain(after.order.status);
});

test("the Sign-In with Ethereum nonce and the session routes take garbage without a 5xx", async ({ request }) => {
  for (const [body, type] of [["{not json", json], [BIG, "text/plain"], ["", "application/octet-stream"]] as const) {
    const response = await request.post("/api/siwe/nonce", { data: body, headers: { "content-type": type, cookie: "gocoffee.siwe=%%%; next-auth.session-token=garbage" } });
    expect(response.status(), `${type} ${body.slice(0, 10)}`).toBeLessThan(500);
  }
  const forged = await request.get("/api/orders/00000000-0000-7000-8000-000000000000", { headers: { cookie: "next-auth.session-token=eyJhbGciOiJub25lIn0.e30." } });
  expect(forged.status()).toBe(404);
});
