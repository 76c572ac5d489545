import { randomUUID } from "node:crypto";
import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setMailSetting } from "@/lib/mail/preferences";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createDispatcher } from "@/lib/integrations/dispatcher";
import { emailAdapter } from "@/lib/integrations/email/adapter";
import { slackAdapter } from "@/lib/integrations/slack/adapter";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { createEvent } from "@/lib/kafka/events";
import { childLogger } from "@/lib/log";
import { startMailSink, type MailSink } from "@/scripts/mail-sink/sink";
import { ALERT_MAIL_KIND } from "./email";
import { ALERT_MAIL_LIMIT } from "./mail-limit";
import { NOTIFIER_CONSUMER, notifierHandler } from "./notifications";

/**
 * The notifier's email channel against the real database and SMTP (the local mail sink), through
 * the delivery engine: warning/critical alerts mailed to the shop's managers with confirmed
 * addresses, repeats merged, at most ALERT_MAIL_LIMIT.max an hour per person with the rest
 * summarised in the next mail, redeliveries mailed once; an overdue task's alert to its owner too,
 * a barista included. A shop and people of its own, so other
 * suites' alerts do not count towards these limits.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("notifier-mail-test");
const tag = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
let sink: MailSink;
let shopId: string;
let manager: { id: string; email: string };
let unconfirmed: { id: string; email: string };
let barista: { id: string; email: string };

beforeAll(async () => {
  sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  const shop = await db.shop.create({ data: { slug: `mail-${tag}`, name: `Mail Test ${tag}`, addressLine: "1 Test St", city: "Testville", postalCode: "00000", country: "US", timezone: "UTC" } });
  shopId = shop.id;
  manager = await person("manager", "MANAGER", true);
  unconfirmed = await person("new-manager", "MANAGER", false);
  barista = await person("barista", "BARISTA", true);
});
async function person(who: string, role: "MANAGER" | "BARISTA", confirmed: boolean) {
  const email = `${who}-${tag}@example.test`;
  const user = await db.user.create({ data: { name: who, email, role, emailVerifiedAt: confirmed ? new Date() : null } });
  await db.shopMember.create({ data: { shopId, userId: user.id, role } });
  return { id: user.id, email };
}
afterAll(async () => {
  await sink?.close();
  await db.$disconnect();
});

const T0 = Date.now();
const alert = (subject: string, opts: { severity?: "info" | "warning" | "critical"; minutes?: number } = {}) => {
  const alertId = randomUUID();
  return createEvent("agents.alert", alertId, { alertId, agent: "inventory", shopId, subject, severity: opts.severity ?? "critical", message: `Running out of ${subject}`, resolved: false }, new Date(T0 + (opts.minutes ?? 0) * 60_000));
};
const deliver = (e: ReturnType<typeof alert>) =>
  handleMessage({ db, name: NOTIFIER_CONSUMER, batch: notifierHandler, log }, { value: encodeEnvelope(e), key: Buffer.from(e.key), offset: "0", headers: {} } as unknown as KafkaMessage, (reason) => Promise.reject(new Error(reason)));
const mailsTo = (to: string) => sink.messages.filter((m) => m.to.includes(to)).reverse(); // oldest first

/** Sends this shop's pending alert mails (only ours: other suites' deliveries are left alone). */
async function sendOurs() {
  const pending = await db.integrationDelivery.findMany({ where: { shopId, kind: ALERT_MAIL_KIND, status: "PENDING" }, orderBy: { createdAt: "asc" } });
  const to = createDispatcher({ db, ring: [], slack: slackAdapter("http://127.0.0.1:9/api/"), email: emailAdapter(`smtp://127.0.0.1:${sink.smtpPort}`, "Go Coffee <alerts@gocoffee.local>"), log });
  for (const d of pending) expect(await to.deliverOne(d.id)).toBe("delivered");
  to.shutdown();
}

it("mails warning and critical alerts to confirmed managers, merges repeats, mails a redelivery once, and holds back past the hourly limit", async () => {
  expect(ALERT_MAIL_LIMIT.max).toBe(4);
  const first = alert("oat milk");
  expect(await deliver(first)).toBe("handled");
  expect(await deliver(first)).toBe("duplicate"); // redelivered
  expect(await deliver(alert("oat milk", { minutes: 1 }))).toBe("handled"); // a repeat within the merge window: merged
  expect(await deliver(alert("cups", { severity: "info", minutes: 2 }))).toBe("handled"); // info: the bell only
  for (const [i, subject] of ["espresso beans", "vanilla syrup", "paper bags", "croissants", "lids"].entries()) {
    expect(await deliver(alert(subject, { severity: i % 2 ? "warning" : "critical", minutes: 3 + i }))).toBe("handled");
  }
  await sendOurs();

  // 1 + 5 mailable alerts; 4 go out in the hour, the other 2 are held back (and in the bell).
  const mails = mailsTo(manager.email);
  expect(mails.map((m) => m.subject)).toEqual([
    `[Critical] Mail Test ${tag}: Running out of oat milk`,
    `[Critical] Mail Test ${tag}: Running out of espresso beans`,
    `[Warning] Mail Test ${tag}: Running out of vanilla syrup`,
    `[Critical] Mail Test ${tag}: Running out of paper bags`,
  ]);
  expect(mails[0]!.text).toContain("Running out of oat milk");
  expect(mails[0]!.text).toContain(`/manager/mail-${tag}/agents#notifications`);
  expect(mails[0]!.html).toContain("<strong>Critical at");
  const notifications = await db.notification.findMany({ where: { userId: manager.id }, orderBy: { createdAt: "asc" } });
  expect(notifications.map((n) => [n.subject, n.emailStatus])).toEqual([
    ["oat milk", "QUEUED"],
    ["cups", null],
    ["espresso beans", "QUEUED"],
    ["vanilla syrup", "QUEUED"],
    ["paper bags", "QUEUED"],
    ["croissants", "SUPPRESSED"],
    ["lids", "SUPPRESSED"],
  ]);
  // Unconfirmed addresses and baristas get no mail (the unconfirmed manager still has the bell).
  expect(mailsTo(unconfirmed.email)).toHaveLength(0);
  expect(await db.notification.count({ where: { userId: unconfirmed.id } })).toBe(7);
  expect(mailsTo(barista.email)).toHaveLength(0);

  // Over an hour after the first mail, a new alert goes out and says what was held back.
  expect(await deliver(alert("milk jugs", { minutes: 61 }))).toBe("handled");
  await sendOurs();
  const next = mailsTo(manager.email).at(-1)!;
  expect(next.subject).toBe(`[Critical] Mail Test ${tag}: Running out of milk jugs`);
  expect(next.text).toContain("2 earlier alerts were not mailed (at most 4 alert mails an hour per person):");
  expect(next.text).toMatch(/warning · Running out of croissants/);
  expect(next.text).toMatch(/critical · Running out of lids/);
  expect(mailsTo(manager.email)).toHaveLength(5);

  const rows = await db.integrationDelivery.findMany({ where: { shopId, kind: ALERT_MAIL_KIND } });
  expect(rows).toHaveLength(5);
  expect(rows.every((d) => d.status === "DELIVERED")).toBe(true);
});

it("tells an overdue task's owner, a barista, in the bell and by mail (why, and a link to the queue screen), and no other barista", async () => {
  const colleague = await person("colleague", "BARISTA", true);
  const task = await db.agentTask.create({ data: { shopId, sourceKind: "proposal", sourceId: randomUUID(), title: "Descale the machine", detail: "Monthly", ownerId: barista.id, dueAt: new Date(T0 - 60_000) } });
  const unowned = await db.agentTask.create({ data: { shopId, sourceKind: "proposal", sourceId: randomUUID(), title: "Wipe the fridge", detail: "Weekly", dueAt: new Date(T0 - 60_000) } });
  const overdue = (taskId: string, minutes: number) => {
    const alertId = randomUUID();
    return createEvent("agents.alert", alertId, { alertId, agent: "tasks", shopId, subject: `overdue:${taskId}`, severity: "warning", message: `Task overdue: ${taskId}`, resolved: false }, new Date(T0 + minutes * 60_000));
  };
  expect(await deliver(overdue(task.id, 300))).toBe("handled");
  expect(await deliver(overdue(unowned.id, 301))).toBe("handled");
  await sendOurs();

  const told = async (userId: string) => (await db.notification.findMany({ where: { userId, subject: { startsWith: "overdue:" } }, select: { subject: true, emailStatus: true }, orderBy: { createdAt: "asc" } })).map((n) => [n.subject, n.emailStatus]);
  expect(await told(barista.id)).toEqual([[`overdue:${task.id}`, "QUEUED"]]);
  expect(await told(colleague.id)).toEqual([]);
  expect(await told(manager.id)).toEqual([[`overdue:${task.id}`, "QUEUED"], [`overdue:${unowned.id}`, "QUEUED"]]);
  const [mail, ...more] = mailsTo(barista.email);
  expect(more).toHaveLength(0);
  expect(mail!.subject).toBe(`[Warning] Mail Test ${tag}: Task overdue: ${task.id}`);
  expect(mail!.text).toContain(`See your notifications: ${new URL(`/barista/mail-${tag}`, env().APP_URL).toString()}`);
  expect(mail!.text).toContain("this task is yours");
  expect(mailsTo(manager.email).at(-1)!.text).toContain(`/manager/mail-${tag}/agents#notifications`);
  expect(mailsTo(colleague.email)).toHaveLength(0);
});

it("a manager who turned these mails off on the account page keeps the bell and gets no mail; turned on again, the next alert is mailed", async () => {
  const quiet = await person("quiet-manager", "MANAGER", true);
  await setMailSetting(db, quiet.id, "alerts", false);
  expect(await deliver(alert("sugar", { minutes: 400 }))).toBe("handled");
  await sendOurs();
  expect(mailsTo(quiet.email)).toHaveLength(0);
  expect(await db.notification.findMany({ where: { userId: quiet.id }, select: { subject: true, emailStatus: true } })).toEqual([{ subject: "sugar", emailStatus: null }]);
  expect(mailsTo(manager.email).at(-1)!.subject).toBe(`[Critical] Mail Test ${tag}: Running out of sugar`); // the other manager still gets it

  await setMailSetting(db, quiet.id, "alerts", true);
  expect(await deliver(alert("honey", { minutes: 401 }))).toBe("handled");
  await sendOurs();
  expect(mailsTo(quiet.email).map((m) => m.subject)).toEqual([`[Critical] Mail Test ${tag}: Running out of honey`]);
});
