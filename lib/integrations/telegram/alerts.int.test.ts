import { Api } from "grammy";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTIFIER_CONSUMER, notifierHandler } from "@/lib/agents/notifier/notifications";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage, type BatchHandler } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { startFakeTelegram, type FakeTelegram } from "@/scripts/testing/fake-telegram";
import { sendTelegramDeliveries } from "@/scripts/testing/telegram-deliveries";
import { alertsToTelegram, TELEGRAM_ALERTS_CONSUMER } from "./alerts";
import { TELEGRAM_PERSONAL_PER_HOUR } from "./personal";

/**
 * The notifier's Telegram channel with grammY's real Api against the fake Bot API and the real
 * database: agents' alerts reach the linked chats of the people the notifier told (the shop's
 * managers; a barista only what the bar acts on, linked to the queue screen), only after the
 * notifier has decided who is told, once, merged as the bell merges, within the hourly limit.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("telegram-alerts-test");
const APP = "http://shop.example";
const SFO = "sfo-terminal-2";
let telegram: FakeTelegram;
let handler: BatchHandler;
let api: Api;
let shopId: string;
let managerId: string;
let managerChat: number;
let baristaChat: number;

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const alert = (subject: string, opts: { severity?: "info" | "warning" | "critical"; resolved?: boolean } = {}) => {
  const alertId = crypto.randomUUID();
  return createEvent("agents.alert", alertId, { alertId, agent: "inventory", shopId, subject, severity: opts.severity ?? "critical", message: `Out of ${subject}`, resolved: opts.resolved ?? false });
};
const message = (e: ReturnType<typeof alert>) => ({ value: encodeEnvelope(e), key: Buffer.from(e.key), offset: "0", headers: {} }) as unknown as KafkaMessage;
const fail = (reason: string) => Promise.reject(new Error(reason));
const toBell = (e: ReturnType<typeof alert>) => handleMessage({ db, name: NOTIFIER_CONSUMER, batch: notifierHandler, log }, message(e), fail);
/** The Telegram consumer records the alert's messages; the bot channel's dispatcher sends them. */
const toTelegram = async (e: ReturnType<typeof alert>) => {
  const outcome = await handleMessage({ db, name: TELEGRAM_ALERTS_CONSUMER, batch: handler, log }, message(e), fail);
  await sendTelegramDeliveries(db, api, [managerChat, baristaChat]);
  return outcome;
};
const sentTo = (chat: number, subject: string) => telegram.sent.filter((m) => m.chat_id === chat && m.text.includes(`Out of ${subject}`));

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  telegram = await startFakeTelegram();
  api = new Api(telegram.token, { apiRoot: telegram.url });
  handler = alertsToTelegram(APP);
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  const manager = await db.shopMember.findFirstOrThrow({ where: { shopId, role: "MANAGER" } });
  const barista = await db.shopMember.findFirstOrThrow({ where: { shopId, role: "BARISTA" } });
  managerId = manager.userId;
  managerChat = 9_100_000 + Math.floor(Math.random() * 100_000);
  baristaChat = managerChat + 1;
  await db.telegramChat.createMany({ data: [{ chatId: BigInt(managerChat), userId: manager.userId }, { chatId: BigInt(baristaChat), userId: barista.userId }] });
});
afterAll(async () => {
  await db.telegramChat.deleteMany({ where: { chatId: { in: [BigInt(managerChat), BigInt(baristaChat)] } } });
  await telegram?.close();
  await db.$disconnect();
});

describe("agents' alerts on Telegram", () => {
  it("waits for the notifier, then tells the manager's linked chat once (never a barista's), with the Agents page", async () => {
    const subject = `oat milk ${stamp()}`;
    const event = alert(subject);
    await expect(toTelegram(event)).rejects.toThrow(/waiting for the notifier/);
    expect(sentTo(managerChat, subject)).toHaveLength(0);

    expect(await toBell(event)).toBe("handled");
    expect(await toTelegram(event)).toBe("handled");
    expect(await toTelegram(event)).toBe("duplicate");
    const [sent] = sentTo(managerChat, subject);
    expect(sentTo(managerChat, subject)).toHaveLength(1);
    expect(sent!.text).toBe(`🔴 Critical at Go Coffee SFO Terminal 2: Out of ${subject}\n${APP}/manager/${SFO}/agents`);
    expect(sentTo(baristaChat, subject)).toHaveLength(0);

    // The same subject again within the bell's merge window: merged there, so not sent here either.
    const again = alert(subject);
    expect(await toBell(again)).toBe("handled");
    expect(await toTelegram(again)).toBe("handled");
    expect(sentTo(managerChat, subject)).toHaveLength(1);
  });

  it("what the bar acts on reaches a barista's chat too, linked to the queue screen (the manager's to the Agents page)", async () => {
    const subject = `busy:${stamp()}`;
    const event = alert(subject);
    expect(await toBell(event)).toBe("handled");
    expect(await toTelegram(event)).toBe("handled");
    expect(sentTo(baristaChat, subject).map((m) => m.text)).toEqual([`🔴 Critical at Go Coffee SFO Terminal 2: Out of ${subject}\n${APP}/barista/${SFO}`]);
    expect(sentTo(managerChat, subject).map((m) => m.text)).toEqual([`🔴 Critical at Go Coffee SFO Terminal 2: Out of ${subject}\n${APP}/manager/${SFO}/agents`]);
  });

  it("info alerts and resolutions are not for Telegram", async () => {
    const subject = `ice ${stamp()}`;
    for (const e of [alert(subject, { severity: "info" }), alert(subject, { resolved: true })]) {
      await toBell(e);
      expect(await toTelegram(e)).toBe("ignored");
    }
    expect(sentTo(managerChat, subject)).toHaveLength(0);
  });

  it(`sends at most ${TELEGRAM_PERSONAL_PER_HOUR} an hour to a person; the rest stay on the bell`, async () => {
    const sentBefore = await db.notification.count({ where: { userId: managerId, telegramSentAt: { gt: new Date(Date.now() - 3_600_000) } } });
    const subjects = Array.from({ length: TELEGRAM_PERSONAL_PER_HOUR + 2 - sentBefore }, (_, i) => `syrup ${i} ${stamp()}`);
    for (const subject of subjects) {
      const e = alert(subject, { severity: "warning" });
      await toBell(e);
      await toTelegram(e);
    }
    const told = subjects.filter((s) => sentTo(managerChat, s).length > 0);
    expect(told).toEqual(subjects.slice(0, TELEGRAM_PERSONAL_PER_HOUR - sentBefore));
    expect(sentTo(managerChat, subjects.at(-1)!)).toHaveLength(0);
    // Still on the bell.
    expect(await db.notification.count({ where: { subject: subjects.at(-1)!, telegramSentAt: null } })).toBeGreaterThan(0);
    expect(sentTo(managerChat, subjects[0]!)[0]!.text).toMatch(/^🟠 Warning at Go Coffee SFO Terminal 2: /);
  });
});
