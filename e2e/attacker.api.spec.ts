import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { readEvents, type SseEvent } from "./support/sse";

/**
 * A stranger with curl against an app instance running the real defaults (placement limits,
 * stream caps, no trusted proxy; only its streams live 5 s instead of 15 min so the test can watch
 * one end). Each test tries one of the holes docs/security.md lists and shows it closed.
 * The suite's main server runs with wide limits (it places hundreds of orders from 127.0.0.1);
 * this instance shares its database and workers but not its rate-limit counters.
 */

const SHOP = "sfo-terminal-2"; // open around the clock
const PORT = Number(process.env.E2E_ATTACK_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 2);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let app: AppInstance;
let db: pg.Client;

test.describe.configure({ mode: "serial", timeout: 90_000 });

test.beforeAll(async () => {
  app = await startAppInstance(PORT, {
    ORDER_LIMIT_GUEST_PER_MINUTE: undefined,
    ORDER_LIMIT_IP_PER_MINUTE: undefined,
    ORDER_LIMIT_USER_PER_MINUTE: undefined,
    GUEST_OPEN_ORDERS_MAX: undefined,
    TRUSTED_PROXY_HOPS: "0",
    STREAM_MAX_SECONDS: "5",
    REDIS_KEY_PREFIX: `gocoffee:attack-${randomUUID().slice(0, 8)}:`,
  });
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
test.afterAll(async () => {
  app?.stop();
  await db?.end();
});

const at = (path: string) => `${app.url}${path}`;
const order = (name: string, notes?: string) => ({ shop: SHOP, customerName: name, ...(notes ? { notes } : {}), items: [{ product: "butter-croissant", quantity: 1 }] });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(at(path), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** Signs a fresh staff member (or customer) of SFO in on this instance: a session cookie, and their user id. */
async function staffSession(role: "BARISTA" | "CUSTOMER"): Promise<{ cookie: string; userId: string }> {
  const email = `attack-${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`;
  const password = "a-long-enough-password";
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, role, email_verified_at, updated_at) VALUES (gen_random_uuid(), $1, 'Attack Test', $2, $3, now(), now()) RETURNING id`,
    [email, await hash(password), role],
  );
  const userId = rows[0]!.id;
  if (role === "BARISTA") await db.query(`INSERT INTO shop_members (shop_id, user_id, role) SELECT id, $1, 'BARISTA' FROM shops WHERE slug = $2`, [userId, SHOP]);
  const csrf = await fetch(at("/api/auth/csrf"));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  const signedIn = await fetch(at("/api/auth/callback/credentials"), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  expect(session, `sign-in answered ${signedIn.status}`).toBeTruthy();
  return { cookie: session!.split(";")[0]!, userId };
}

test("1. the board gives away no order id, pickup code or notes, replays no history, and an order id alone opens nothing", async () => {
  const placed = await post("/api/orders", order("Trudy Tester", "leave it by the secret door"));
  expect(placed.status).toBe(201);
  const { order: mine } = (await placed.json()) as { order: { id: string; pickupCode: string; trackingToken: string } };
  const byToken = at(`/api/orders/${mine.id}?token=${mine.trackingToken}`);
  await expect.poll(async () => ((await (await fetch(byToken)).json()) as { order: { status: string } }).order.status, { timeout: 15_000 }).toBe("QUEUED");

  // The board page and its stream, even asked to replay from the beginning of time.
  const page = await (await fetch(at(`/shops/${SHOP}/board`))).text();
  const { events } = await readEvents(at(`/api/shops/${SHOP}/board/events`), { headers: { "last-event-id": "0" }, until: (e) => e.length > 0 });
  expect(events[0]?.event).toBe("snapshot");
  const entries = (events[0]!.data as { entries: Record<string, unknown>[] }).entries;
  expect(entries.some((e) => e.name === "Trudy T.")).toBe(true);
  for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(["key", "lane", "name"]);
  expect(page).toContain("Trudy T.");
  for (const leak of [JSON.stringify(events), page]) {
    expect(leak).not.toMatch(UUID);
    expect(leak).not.toContain(mine.pickupCode);
    expect(leak).not.toContain("secret door");
    expect(leak).not.toContain("Tester");
  }

  // With the id alone: nothing to read, nothing to cancel, no payment details.
  for (const path of [`/api/orders/${mine.id}`, `/api/orders/${mine.id}/invoice`, `/api/orders/${mine.id}/events`]) {
    expect((await fetch(at(path))).status, path).toBe(404);
  }
  // The tracking page streams (its loading state goes out first), so it shows "not found" in a 200.
  const trackingPage = await (await fetch(at(`/orders/${mine.id}`))).text();
  expect(trackingPage).toContain("Check that the link is complete.");
  for (const secret of [mine.pickupCode, "Trudy", "secret door"]) expect(trackingPage).not.toContain(secret);
  const cancel = await fetch(at(`/api/orders/${mine.id}/cancel`), { method: "POST" });
  expect(cancel.status).toBe(404);
  expect(await cancel.json()).toEqual({ error: { code: "not_found", message: "There is no such order." } });
  expect(((await (await fetch(at(`/api/orders/${mine.id}?token=${"A".repeat(22)}`))).json()) as { error: { code: string } }).error.code).toBe("not_found");
  expect(((await (await fetch(byToken)).json()) as { order: { status: string } }).order.status).toBe("QUEUED");
});

test("2. the pickup code: not on the board, needed to hand over, and 50 parallel wrong guesses get 5 tries", async () => {
  const { cookie } = await staffSession("BARISTA");
  const placed = (await (await post("/api/orders", order("Victor Victim"))).json()) as { order: { id: string } };
  const handOver = await post(`/api/shops/${SHOP}/claim`, { orderId: placed.order.id }, { cookie });
  expect(handOver.status).toBe(422); // the code is required

  const guesses = Array.from({ length: 50 }, (_, i) => `Q${String(i).padStart(4, "9").replace(/[01]/g, "Q")}`.slice(0, 5));
  const answers = await Promise.all(guesses.map((code) => fetch(at(`/api/shops/${SHOP}/claim?code=${code}`), { headers: { cookie } })));
  const statuses = answers.map((r) => r.status);
  expect(statuses.filter((s) => s === 404)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(45);
  expect(Number(answers.find((r) => r.status === 429)!.headers.get("retry-after"))).toBeGreaterThan(0);
});

test("4. production refuses published secrets; the seed refuses a production database", async () => {
  const run = (command: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  const demoSecret = { NODE_ENV: "production", NEXTAUTH_SECRET: "go-coffee-local-development-secret" };
  const app = await run(["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORT + 10)], demoSecret);
  expect(app.code).toBe(1);
  expect(app.output).toContain("NEXTAUTH_SECRET is an example value published in this project");
  const worker = await run(["--import", "tsx", "workers/index.ts", "outbox-relay"], { ...demoSecret, WORKER_HTTP_PORT: String(PORT + 11) });
  expect(worker.code).toBe(1);
  expect(worker.output).toContain("NEXTAUTH_SECRET is an example value published in this project");
  const short = await run(["--import", "tsx", "workers/index.ts", "outbox-relay"], { NODE_ENV: "production", NEXTAUTH_SECRET: "sixteen-chars-ok", WORKER_HTTP_PORT: String(PORT + 11) });
  expect(short.output).toContain("at least 32 characters in production");
  const seed = await run(["--import", "tsx", "prisma/seed.ts"], { NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("base64") });
  expect(seed.code).toBe(1);
  expect(seed.output).toContain("Refusing to seed demo data");
});

test("5 and 6. a flood of guest orders is held per client and per address, whatever X-Forwarded-For says", async () => {
  // No cookie: the address is the client. Other specs order from 127.0.0.1 too: their orders are
  // detached from this client first, so it starts with none open.
  const client = createHash("sha256").update("ip:127.0.0.1").digest("base64url").slice(0, 22);
  await db.query("UPDATE orders SET guest_client = NULL WHERE guest_client = $1", [client]);
  const results: number[] = [];
  for (let i = 0; i < 5; i++) results.push((await post("/api/orders", order(`Flood ${i}`))).status);
  expect(results).toEqual([201, 201, 201, 201, 201]);
  const capped = await post("/api/orders", order("Flood cap"));
  expect(capped.status).toBe(429);
  expect(((await capped.json()) as { error: { message: string } }).error.message).toMatch(/^You already have 5 orders waiting to be paid or collected/);

  // A forged X-Forwarded-For changes nothing: with no trusted proxy the header is ignored.
  const spoofed = await post("/api/orders", order("Spoof"), { "x-forwarded-for": "203.0.113.77" });
  expect(spoofed.status).toBe(429);

  // A new device cookie per request: every device is fresh, the address is not (60 a minute).
  const rotating = await Promise.all(
    Array.from({ length: 70 }, () => post("/api/orders", order("Rotating"), { cookie: `gc_device=${randomBytes(16).toString("base64url")}` }).then((r) => r.status)),
  );
  const placedFromHere = results.filter((s) => s === 201).length + rotating.filter((s) => s === 201).length;
  expect(placedFromHere).toBeLessThanOrEqual(60);
  expect(rotating.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(rotating.every((s) => s === 201 || s === 429)).toBe(true);
});

test("7. live streams: capped per client (429 with Retry-After), ended after their lifetime, and a removed barista's reconnect is refused", async () => {
  const board = at(`/api/shops/${SHOP}/board/events`);
  const controllers = Array.from({ length: 8 }, () => new AbortController());
  const open = await Promise.all(controllers.map((c) => fetch(board, { signal: c.signal })));
  expect(open.every((r) => r.status === 200)).toBe(true);
  const ninth = await fetch(board);
  expect(ninth.status).toBe(429);
  expect(Number(ninth.headers.get("retry-after"))).toBeGreaterThan(0);
  for (const c of controllers) c.abort();
  await expect.poll(async () => (await fetch(board).then(async (r) => (await r.body?.cancel(), r.status))), { timeout: 5_000 }).toBe(200);

  // A barista's queue stream ends by itself (5 s here); removed from the shop, they get no new one.
  const { cookie, userId } = await staffSession("BARISTA");
  const queue = at(`/api/shops/${SHOP}/queue/events`);
  const first = await readEvents(queue, { headers: { cookie }, timeoutMs: 15_000 });
  expect(first.ended).toBe(true);
  expect(first.events.some((e: SseEvent) => e.event === "snapshot")).toBe(true);
  await db.query("DELETE FROM shop_members WHERE user_id = $1", [userId]);
  // Their session still lists the shop for up to a minute; the stream asks the database.
  expect((await fetch(queue, { headers: { cookie } })).status).toBe(403);
});

test("8. health says ok or down without internals; metrics need the scraper's token", async () => {
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(at("/api/health"))));
  for (const r of answers) expect(await r.json()).toEqual({ status: "ok", checks: { db: "ok", kafka: "ok", redis: "ok" } });
  expect((await fetch(at("/api/metrics"))).status).toBe(401);
  expect((await fetch(at("/api/metrics"), { headers: { authorization: "Bearer guess-guess-guess-guess" } })).status).toBe(401);
});

test("9. bodies over 64 KB are refused before they are read, on every door", async () => {
  const big = "x".repeat(70 * 1024);
  const orderBig = await post("/api/orders", { ...order("Big"), notes: big });
  expect(orderBig.status).toBe(413);
  expect(((await orderBig.json()) as { error: { message: string } }).error.message).toBe("The request body is too large: the limit is 64 KB.");
  const signIn = await fetch(at("/api/auth/callback/credentials"), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `email=${big}` });
  expect(signIn.status).toBe(413);
  const action = await fetch(at(`/shops/${SHOP}`), { method: "POST", headers: { "content-type": "text/plain", "next-action": "0".repeat(40) }, body: big });
  expect(action.status).toBe(413);
  // A body without a declared length could be any size.
  const streamed = await fetch(at("/api/orders"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(JSON.stringify(order("Chunked")))), c.close()) }),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(411);
});
