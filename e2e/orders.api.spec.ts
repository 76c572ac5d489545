import { expect, test } from "@playwright/test";

/** POST /api/orders as an API client sees it: statuses, messages, idempotency, and the live stream. */

const latte = { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } };
const body = (overrides: Record<string, unknown> = {}) => ({ shop: "sfo-terminal-2", customerName: "Grace", items: [latte], ...overrides });

test("places an order (201) and the same Idempotency-Key answers with the same order (200)", async ({ request }) => {
  const key = crypto.randomUUID();
  const first = await request.post("/api/orders", { data: body(), headers: { "idempotency-key": key } });
  expect(first.status()).toBe(201);
  const { order } = await first.json();
  expect(order).toMatchObject({ status: "PLACED", shop: "sfo-terminal-2", trackingToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
  expect(order.trackingUrl).toBe(`/orders/${order.id}?token=${order.trackingToken}`);
  expect(first.headers()["location"]).toBe(`/api/orders/${order.id}?token=${order.trackingToken}`);

  const again = await request.post("/api/orders", { data: body(), headers: { "idempotency-key": key } });
  expect(again.status()).toBe(200);
  expect((await again.json()).order.id).toBe(order.id);

  // The guest's token opens it (in the query or the X-Order-Token header); the id alone does not.
  const read = await request.get(first.headers()["location"]!);
  expect(read.status()).toBe(200);
  expect((await read.json()).order.items[0].productName).toBe("Caffè latte");
  expect((await request.get(`/api/orders/${order.id}`, { headers: { "x-order-token": order.trackingToken } })).status()).toBe(200);
  expect((await request.get(`/api/orders/${order.id}`)).status()).toBe(404);
});

test("bad requests get a 4xx with a message", async ({ request, baseURL }) => {
  const malformed = await fetch(`${baseURL}/api/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
  expect(malformed.status).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/not valid JSON/);

  const cases: { data: object; status: number; message: RegExp }[] = [
    { data: body({ items: [{ product: "unicorn-frappe", quantity: 1 }] }), status: 422, message: /has no product "unicorn-frappe"/ },
    { data: body({ items: [{ ...latte, quantity: 0 }] }), status: 422, message: /quantity must be at least 1/ },
    { data: body({ items: [{ ...latte, quantity: 1000 }] }), status: 422, message: /at most 20 of one item/ },
    { data: body({ items: [{ ...latte, options: { milk: ["oat", "whole"] } }] }), status: 422, message: /choose at most 1 milk/ },
    { data: { shop: "sfo-terminal-2" }, status: 422, message: /customerName|items/ },
    { data: body({ customerName: 42 }), status: 422, message: /customerName/ },
    { data: body({ shop: "atlantis" }), status: 404, message: /There is no shop "atlantis"/ },
    { data: body({ receiptEmail: "not-an-address" }), status: 422, message: /email address like you@example\.com/i },
    { data: body({ receiptEmail: `${"x".repeat(250)}@example.test` }), status: 422, message: /email address is too long/i },
  ];
  for (const c of cases) {
    const response = await request.post("/api/orders", { data: c.data });
    expect(response.status(), JSON.stringify(c.data)).toBe(c.status);
    const { error } = await response.json();
    expect(error.message).toMatch(c.message);
  }
  const unknown = await request.get("/api/orders/00000000-0000-7000-8000-000000000000");
  expect(unknown.status()).toBe(404);
});

test("the order's event stream starts with its current state and follows it to QUEUED", async ({ request, baseURL }) => {
  const placed = await request.post("/api/orders", { data: body() });
  const { order } = await placed.json();
  const controller = new AbortController();
  const response = await fetch(`${baseURL}/api/orders/${order.id}/events?token=${order.trackingToken}`, { signal: controller.signal });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const statuses: string[] = [];
  let buffer = "";
  const deadline = Date.now() + 15_000;
  while (!statuses.includes("QUEUED") && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (const match of buffer.matchAll(/event: order\nid: \d+\ndata: (.+)\n\n/g)) statuses.push(JSON.parse(match[1]!).status);
    buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
  }
  controller.abort();
  // The first event is the state at connection time (the processor may already have queued it),
  // and it always comes, whatever its version.
  expect(["PLACED", "QUEUED"]).toContain(statuses[0]);
  expect(statuses.filter((s) => s === "QUEUED")).toHaveLength(1);
  expect(statuses).toContain("QUEUED");
});
