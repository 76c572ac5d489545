import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type APIRequestContext } from "@playwright/test";

/**
 * Two app instances share nothing but the database: a barista's bump through one appears on the
 * other's queue stream, and a stream that reconnects with Last-Event-ID gets exactly what it missed.
 */

const SHOP = "sfo-terminal-2";
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? 3101);
type Ticket = { id: string; seq: number; version: number; status: string };
type Event = { event: string; id: number; data: { tickets?: Ticket[] } & Partial<Ticket> };

let second: ChildProcess;

test.beforeAll(async () => {
  second = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(SECOND_PORT)], { env: process.env, stdio: "ignore" });
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${SECOND_PORT}/api/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error("the second app instance did not start");
    await new Promise((r) => setTimeout(r, 300));
  }
});
test.afterAll(() => void second?.kill("SIGTERM"));

async function signInAsBarista(request: APIRequestContext): Promise<string> {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "barista@gocoffee.test", password: "espresso-barista", json: "true" },
  });
  expect(response.ok()).toBe(true);
  const cookies = (await request.storageState()).cookies;
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** Reads SSE events from a stream until `until` says stop (or the time runs out). */
async function readEvents(url: string, cookie: string, until: (events: Event[]) => boolean, lastEventId?: number): Promise<Event[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { cookie, ...(lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) }) }, signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Event[] = [];
  let buffer = "";
  const deadline = Date.now() + 15_000;
  // One read in flight at a time: a read abandoned to the timeout would swallow the next chunk.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  try {
    while (!until(events) && Date.now() < deadline) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 500))]);
      if (chunk === null) continue;
      pending = null;
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && event !== "ping" && id && data) events.push({ event, id: Number(id), data: JSON.parse(data) });
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

test("a bump through one instance reaches the other's stream, and a reconnect replays only what was missed", async ({ request }) => {
  const cookie = await signInAsBarista(request);
  const streamB = `http://127.0.0.1:${SECOND_PORT}/api/shops/${SHOP}/queue/events`;

  const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Barbara Liskov", items: [{ product: "espresso", quantity: 1 }] } });
  const { order } = await placed.json();
  const forOrder = (events: Event[], status: string) => events.find((e) => e.event === "ticket" && e.data.id === order.id && e.data.status === status);
  const inSnapshot = (events: Event[]) => events.find((e) => e.event === "snapshot")?.data.tickets?.find((t) => t.id === order.id);

  // Instance B's stream: wait until the order is queued (the snapshot or a later ticket event says so).
  let seen = await readEvents(streamB, cookie, (events) => Boolean(inSnapshot(events)?.status === "QUEUED" || forOrder(events, "QUEUED")));
  const queued = (forOrder(seen, "QUEUED")?.data ?? inSnapshot(seen)) as Ticket;
  expect(queued.status).toBe("QUEUED");

  // Bump through instance A while B's stream is open: B sees it.
  const liveOnB = readEvents(streamB, cookie, (events) => Boolean(forOrder(events, "PREPARING")), seen.at(-1)!.id);
  await new Promise((r) => setTimeout(r, 500)); // let B's stream open, so the change arrives live
  const started = await request.post(`/api/shops/${SHOP}/orders/${order.id}/actions`, { data: { action: "start", version: queued.version } });
  expect(started.status()).toBe(200);
  seen = await liveOnB;
  expect(forOrder(seen, "PREPARING"), JSON.stringify(seen.map((e) => [e.event, e.id, e.data.id, e.data.status]))).toBeTruthy();
  const lastSeen = seen.at(-1)!.id;

  // B's client is gone while A marks the order ready; on reconnect it gets just that change.
  const ready = await request.post(`/api/shops/${SHOP}/orders/${order.id}/actions`, { data: { action: "ready", version: (await started.json()).ticket.version } });
  expect(ready.status()).toBe(200);
  const replay = await readEvents(streamB, cookie, (events) => Boolean(forOrder(events, "READY")), lastSeen);
  expect(replay.every((e) => e.event === "ticket" && e.id > lastSeen)).toBe(true);
  expect(replay.filter((e) => e.data.id === order.id).map((e) => e.data.status)).toEqual(["READY"]);
});
