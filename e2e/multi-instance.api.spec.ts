import { expect, test } from "@playwright/test";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { signInOverHttp } from "./support/session";
import { readEvents } from "./support/sse";

/**
 * Two app instances share nothing but the database: a barista's bump through one appears on the
 * other's queue stream, and a stream that reconnects with Last-Event-ID gets exactly what it missed.
 */

const SHOP = "sfo-terminal-2";
const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
type Ticket = { id: string; seq: number; version: number; status: string };
type Event = { event: string; id: number; data: { tickets?: Ticket[] } & Partial<Ticket> };

let second: AppInstance;

test.beforeAll(async () => {
  second = await startAppInstance(SECOND_PORT);
});
test.afterAll(() => second?.stop());

/** The queue stream's events until `until`, optionally resuming after `lastEventId`. */
async function queueEvents(url: string, cookie: string, until: (events: Event[]) => boolean, lastEventId?: number): Promise<Event[]> {
  const headers = { cookie, ...(lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) }) };
  return (await readEvents(url, { headers, until: (events) => until(events as Event[]) })).events as Event[];
}

test("a bump through one instance reaches the other's stream, and a reconnect replays only what was missed", async ({ request }) => {
  const cookie = await signInOverHttp(request, "barista@gocoffee.test", "espresso-barista");
  const streamB = `http://127.0.0.1:${SECOND_PORT}/api/shops/${SHOP}/queue/events`;

  const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Barbara Liskov", items: [{ product: "espresso", quantity: 1 }] } });
  const { order } = await placed.json();
  const forOrder = (events: Event[], status: string) => events.find((e) => e.event === "ticket" && e.data.id === order.id && e.data.status === status);
  const inSnapshot = (events: Event[]) => events.find((e) => e.event === "snapshot")?.data.tickets?.find((t) => t.id === order.id);

  // Instance B's stream: wait until the order is queued (the snapshot or a later ticket event says so).
  let seen = await queueEvents(streamB, cookie, (events) => Boolean(inSnapshot(events)?.status === "QUEUED" || forOrder(events, "QUEUED")));
  const queued = (forOrder(seen, "QUEUED")?.data ?? inSnapshot(seen)) as Ticket;
  expect(queued.status).toBe("QUEUED");

  // Bump through instance A while B's stream is open: B sees it.
  const liveOnB = queueEvents(streamB, cookie, (events) => Boolean(forOrder(events, "PREPARING")), seen.at(-1)!.id);
  await new Promise((r) => setTimeout(r, 500)); // let B's stream open, so the change arrives live
  const started = await request.post(`/api/shops/${SHOP}/orders/${order.id}/actions`, { data: { action: "start", version: queued.version } });
  expect(started.status()).toBe(200);
  seen = await liveOnB;
  expect(forOrder(seen, "PREPARING"), JSON.stringify(seen.map((e) => [e.event, e.id, e.data.id, e.data.status]))).toBeTruthy();
  const lastSeen = seen.at(-1)!.id;

  // B's client is gone while A marks the order ready; on reconnect it gets just that change.
  const ready = await request.post(`/api/shops/${SHOP}/orders/${order.id}/actions`, { data: { action: "ready", version: (await started.json()).ticket.version } });
  expect(ready.status()).toBe(200);
  const replay = await queueEvents(streamB, cookie, (events) => Boolean(forOrder(events, "READY")), lastSeen);
  expect(replay.every((e) => e.event === "ticket" && e.id > lastSeen)).toBe(true);
  expect(replay.filter((e) => e.data.id === order.id).map((e) => e.data.status)).toEqual(["READY"]);
});
