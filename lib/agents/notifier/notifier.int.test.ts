import { afterAll, beforeAll, expect, it } from "vitest";
import type { KafkaMessage } from "kafkajs";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { markShopRead, NOTIFIER_CONSUMER, notifierHandler, unreadCount } from "./notifications";

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("notifier-test");
let shopId: string;
let managers: string[];

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  managers = (await db.shopMember.findMany({ where: { shopId, role: { in: ["MANAGER", "ADMIN"] } } })).map((m) => m.userId);
});
afterAll(() => db.$disconnect());

const alert = (subject: string, resolved = false, alertId: string = crypto.randomUUID()) =>
  createEvent("agents.alert", alertId, { alertId, agent: "inventory", shopId, subject, severity: "critical", message: `Out of ${subject}`, resolved });
const deliver = (e: ReturnType<typeof alert>) =>
  handleMessage({ db, name: NOTIFIER_CONSUMER, batch: notifierHandler, log }, { value: encodeEnvelope(e), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage, (reason) => Promise.reject(new Error(reason)));

it("tells each manager of the shop once, merges repeats within the window, ignores resolutions; marking read clears the bell", async () => {
  expect(managers.length).toBeGreaterThan(0);
  const first = alert("oat milk");
  expect(await deliver(first)).toBe("handled");
  expect(await deliver(first)).toBe("duplicate");
  expect(await deliver(alert("oat milk"))).toBe("handled"); // the same subject again (a new alert): merged
  expect(await deliver(alert("oat milk", true))).toBe("handled"); // resolved: no one is told
  expect(await deliver(alert("espresso beans"))).toBe("handled");

  const rows = await db.notification.findMany({ where: { shopId } });
  expect(rows.filter((n) => n.subject === "oat milk")).toHaveLength(managers.length);
  expect(rows.filter((n) => n.subject === "espresso beans")).toHaveLength(managers.length);
  expect(new Set(rows.map((n) => n.userId))).toEqual(new Set(managers));
  // Nobody outside the shop's managers (baristas, customers) gets one.
  const baristas = await db.shopMember.findMany({ where: { shopId, role: "BARISTA" } });
  // (This shop's: the demo barista works at every shop, and other suites ring them elsewhere.)
  for (const b of baristas) expect(await db.notification.count({ where: { userId: b.userId, shopId, readAt: null } })).toBe(0);

  const someone = managers[0]!;
  const before = await unreadCount(db, someone);
  expect(before).toBeGreaterThanOrEqual(2);
  expect(await markShopRead(db, someone, shopId)).toBe(2);
  expect(await unreadCount(db, someone)).toBe(before - 2);
});

it("rings the bar for what the baristas act on (an ingredient out, a rush), not for the rest, and mails only the managers", async () => {
  const bar = await db.shopMember.findFirstOrThrow({ where: { role: "BARISTA" }, select: { shopId: true, userId: true } });
  // Only this test's alerts count: other suites ring the demo barista too (it works at every shop).
  const sent: string[] = [];
  const event = (subject: string, alertId: string = crypto.randomUUID()) => (
    sent.push(alertId), createEvent("agents.alert", alertId, { alertId, agent: "inventory", shopId: bar.shopId, subject, severity: "critical", message: `About ${subject}`, resolved: false })
  );
  const send = (e: ReturnType<typeof event>) =>
    handleMessage({ db, name: NOTIFIER_CONSUMER, batch: notifierHandler, log }, { value: encodeEnvelope(e), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage, (reason) => Promise.reject(new Error(reason)));
  const mine = () => db.notification.findMany({ where: { userId: bar.userId, shopId: bar.shopId, alertId: { in: sent } }, select: { subject: true, emailStatus: true } });

  expect(await send(event("po:oat-milk"))).toBe("handled");
  expect(await send(event("bad-run:slow"))).toBe("handled");
  expect(await mine()).toEqual([]);
  const out = `out:${crypto.randomUUID()}`;
  expect(await send(event(out))).toBe("handled");
  expect(await send(event(out))).toBe("handled"); // merged within the window, for the barista too
  expect(await send(event("busy:2026-12-05T08:00"))).toBe("handled");
  const rows = await mine();
  expect(rows.map((r) => r.subject).sort()).toEqual(["busy:2026-12-05T08:00", out].sort());
  // The bell is the barista's channel: no mail recorded for them.
  expect(rows.every((r) => r.emailStatus === null)).toBe(true);
});
