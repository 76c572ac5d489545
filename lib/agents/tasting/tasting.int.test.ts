import type { KafkaMessage } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getShopMenu } from "@/lib/catalog/menu";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { seed } from "@/prisma/seed";
import { decideProposal } from "../core/proposals";
import { NOTIFIER_CONSUMER, notifierHandler } from "../notifier/notifications";
import { INVENTOR_CONSUMER, inventorHandler, requestNewDrink } from "../inventor/agent";
import { ADD_TO_MENU_KIND, TASTING_CONSUMER, tastingHandler } from "./agent";
import { syncDueTastingAlerts } from "./alerts";
import { closeTasting, listTastings, submitScore, tastingsToScore } from "./manage";

/**
 * The tasting coordinator against the real database, in a shop of its own (cloned from SFO, open
 * 07:00–19:00, with stored forecasts): a new drink proposed and approved → the approval event,
 * delivered through the consumer helper (twice), makes one tasting in the quietest forecast hour;
 * three staff score it (one changes their score) → passed → an add-to-menu proposal; approved →
 * the drink is a product on this shop's menu and on no other shop's.
 */

const db = createDb(env().DATABASE_URL, 4);
const log = childLogger("tasting-test");
const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TZ = "America/Chicago";
/** Thursday 2026-06-04 10:30 in Chicago (summer: the inventor test, running beside this one, proposes winter drinks). */
const NOW = () => new Date("2026-06-04T15:30:00Z");
let shopId: string;
let slug: string;
const people: { id: string; email: string }[] = [];

const messageOf = async (where: { type: string; key: string }): Promise<KafkaMessage> => {
  const row = await db.outboxEvent.findFirstOrThrow({ where, orderBy: { seq: "desc" } });
  return { value: encodeEnvelope({ id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurredAt.toISOString(), payload: row.payload }), key: Buffer.from(row.key), offset: "0", headers: {} } as unknown as KafkaMessage;
};
const deliver = (m: KafkaMessage, batch = tastingHandler, name = TASTING_CONSUMER) => handleMessage({ db, name, batch, log }, m, (reason) => Promise.reject(new Error(reason)));

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
  slug = `tasting-${stamp}`;
  const shop = await db.shop.create({ data: { slug, name: `Tasting ${stamp}`, addressLine: "1 Test St", city: "Chicago", region: `TST-${stamp}`, postalCode: "60601", country: "US", timezone: TZ, hours: { create: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 7 * 60, closesMinute: 19 * 60 })) } } });
  shopId = shop.id;
  await db.shopProduct.createMany({ data: (await db.shopProduct.findMany({ where: { shopId: sfo.id } })).map((p) => ({ shopId, productId: p.productId })) });
  await db.shopSupplier.createMany({ data: (await db.shopSupplier.findMany({ where: { shopId: sfo.id } })).map((s) => ({ ...s, shopId })) });
  await db.stock.createMany({ data: (await db.ingredient.findMany()).map((i) => ({ shopId, ingredientId: i.id, onHand: 20_000 })) });
  for (const [tag, role] of [["manager", "MANAGER"], ["barista-a", "BARISTA"], ["barista-b", "BARISTA"]] as const) {
    const u = await db.user.create({ data: { email: `tasting-${tag}-${stamp}@example.test`, name: `${tag} ${stamp}`, role, emailVerifiedAt: new Date() } });
    await db.shopMember.create({ data: { shopId, userId: u.id, role } });
    people.push({ id: u.id, email: u.email! });
  }
  // Forecasts made this morning: 5 orders an hour, 1.5 on Friday at 15:00 (the quietest), 0.5 at 20:00 (closed).
  const hours: { hour: string; orders: number }[] = [];
  for (let d = 4; d <= 7; d++) for (let h = 0; h < 24; h++) hours.push({ hour: `2026-06-0${d}T${String(h).padStart(2, "0")}:00`, orders: d === 5 && h === 15 ? 1.5 : h === 20 ? 0.5 : 5 });
  await db.$executeRaw`
    INSERT INTO scheduler_forecasts (shop_id, made_on, hour, orders, last_week, espresso_bar, brew, food, total)
    SELECT ${shopId}::uuid, '2026-06-04'::date, hour, orders, 0, 1, 0, 0, 1 FROM jsonb_to_recordset(${JSON.stringify(hours)}::jsonb) AS t(hour timestamp, orders float8)`;
}, 60_000);

afterAll(async () => {
  const products = await db.shopProduct.findMany({ where: { shopId, product: { shops: { every: { shopId } } } }, select: { productId: true } });
  await db.tasting.deleteMany({ where: { shopId } });
  await db.agentTask.deleteMany({ where: { shopId } });
  await db.agentProposal.deleteMany({ where: { shopId } });
  await db.notification.deleteMany({ where: { shopId } });
  await db.agentAlert.deleteMany({ where: { shopId } });
  await db.agentRun.deleteMany({ where: { shopId } });
  await db.outboxEvent.deleteMany({ where: { key: shopId } });
  await db.auditEntry.deleteMany({ where: { shopId } });
  await db.$executeRaw`DELETE FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid`;
  await db.shop.delete({ where: { id: shopId } });
  await db.product.deleteMany({ where: { id: { in: products.map((p) => p.productId) }, orderItems: { none: {} } } });
  await db.user.deleteMany({ where: { id: { in: people.map((p) => p.id) } } });
  await db.$disconnect();
});

describe("tasting coordinator", () => {
  it("an approved new drink gets one tasting in the quietest forecast hour the shop is open", async () => {
    const [manager] = people;
    await requestNewDrink(db, manager!, shopId, NOW());
    expect(await handleMessage({ db, name: INVENTOR_CONSUMER, batch: inventorHandler({ model: null, now: NOW }), log }, await messageOf({ type: "agents.inventor_requested", key: shopId }), (r) => Promise.reject(new Error(r)))).toBe("handled");
    const proposal = await db.agentProposal.findFirstOrThrow({ where: { shopId, kind: "new_drink" } });
    await decideProposal(db, manager!, shopId, { proposalId: proposal.id, decision: "APPROVED" }, NOW());

    const approval = await messageOf({ type: "agents.proposal_decided", key: proposal.id });
    expect(await deliver(approval)).toBe("handled");
    expect(await deliver(approval)).toBe("duplicate");
    const tastings = await db.tasting.findMany({ where: { shopId } });
    expect(tastings).toHaveLength(1);
    const t = tastings[0]!;
    expect(t.name).toBe("Summer Caramel Cold Brew");
    // Friday 15:00 in Chicago (summer time) = 20:00 UTC.
    expect(t.scheduledAt.toISOString()).toBe("2026-06-05T20:00:00.000Z");
    expect(t.scheduleNote).toBe("The quietest forecast hour in the next 3 days: Friday 2026-06-05 at 15:00, 1.5 orders forecast.");
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: t.runId! } });
    const approvalId = (await db.outboxEvent.findFirstOrThrow({ where: { type: "agents.proposal_decided", key: proposal.id } })).id;
    expect(run).toMatchObject({ agent: "tasting", provider: "rules", outcome: "OK", triggerEventId: approvalId });
    // The staff are invited by mail, once each although the approval came twice.
    const mails = await db.integrationDelivery.findMany({ where: { kind: "tasting.email", shopId }, orderBy: { idempotencyKey: "asc" } });
    expect(mails.map((m) => (m.message as { to: string }).to).sort()).toEqual(people.map((p) => p.email).sort());
    const mail = mails[0]!.message as { subject: string; text: string };
    expect(mail.subject).toBe(`Tasting at Tasting ${stamp}: Summer Caramel Cold Brew, Friday, June 5 at 3:00 PM`);
    expect(mail.text).toContain(`/manager/${slug}/tastings`);
    expect(mail.text).toContain(t.scheduleNote);
    // And it rings the bells: an info alert the notifier gives the manager and both baristas.
    const alert = await db.agentAlert.findFirstOrThrow({ where: { shopId, agent: "tasting", resolvedAt: null } });
    expect(alert).toMatchObject({ subject: `tasting:${t.id}`, severity: "info", message: "Tasting: Summer Caramel Cold Brew, Fri 15:00 — give your score on the Tastings page" });
    expect(await deliver(await messageOf({ type: "agents.alert", key: alert.id }), notifierHandler, NOTIFIER_CONSUMER)).toBe("handled");
    const told = await db.notification.findMany({ where: { shopId, alertId: alert.id }, select: { userId: true, emailStatus: true } });
    expect(told.map((n) => n.userId).sort()).toEqual(people.map((p) => p.id).sort());
    // Info: the bell only (the invitation was the mail).
    expect(told.every((n) => n.emailStatus === null)).toBe(true);
  });

  it("an hour before, a reminder: a warning in every bell, mailed to the manager and the baristas (the tasters), raised once however often the clock runs", async () => {
    const t = await db.tasting.findFirstOrThrow({ where: { shopId } });
    const minutesBefore = (m: number) => new Date(t.scheduledAt.getTime() - m * 60_000);
    const only = { shopIds: [shopId] };
    expect(await syncDueTastingAlerts(db, minutesBefore(61), only)).toBe(0);
    expect(await syncDueTastingAlerts(db, minutesBefore(45), only)).toBe(1);
    expect(await syncDueTastingAlerts(db, minutesBefore(44), only)).toBe(0);
    const alert = await db.agentAlert.findFirstOrThrow({ where: { shopId, subject: `tasting-soon:${t.id}`, resolvedAt: null } });
    expect(alert).toMatchObject({ severity: "warning", message: "Tasting soon: Summer Caramel Cold Brew at 15:00 — taste it with the team and give your score on the Tastings page" });
    expect(await db.outboxEvent.count({ where: { type: "agents.alert", key: alert.id } })).toBe(1);
    // The tasting's own info alert stays beside it.
    expect(await db.agentAlert.count({ where: { shopId, subject: `tasting:${t.id}`, resolvedAt: null } })).toBe(1);
    expect(await deliver(await messageOf({ type: "agents.alert", key: alert.id }), notifierHandler, NOTIFIER_CONSUMER)).toBe("handled");
    const told = await db.notification.findMany({ where: { shopId, alertId: alert.id }, select: { userId: true, emailStatus: true } });
    expect(told.map((n) => n.userId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(told.map((n) => n.emailStatus)).toEqual(["QUEUED", "QUEUED", "QUEUED"]);
    // A barista's mail says why they get it and opens the Tastings page, where they score.
    const [, barista] = people;
    const mail = (await db.integrationDelivery.findFirstOrThrow({ where: { kind: "alert.email", idempotencyKey: `alert.email:${alert.id}:${barista!.id}` } })).message as { text: string };
    expect(mail.text).toContain("You get this because you taste new drinks at this shop");
    expect(mail.text).toContain(`/manager/${slug}/tastings`);
  });

  it("the staff score it, one score each and changeable; bad scores are refused; three good ones pass it → add to the menu", async () => {
    const [manager, a, b] = people;
    const t = await db.tasting.findFirstOrThrow({ where: { shopId } });
    await expect(submitScore(db, a!, shopId, { tastingId: t.id, score: 6 })).rejects.toThrow(/A score is 1 to 5/);
    await expect(submitScore(db, a!, shopId, { tastingId: crypto.randomUUID(), score: 4 })).rejects.toThrow(/No such tasting/);
    // The barista screen reminds everyone who has not scored it yet.
    const toScore = async (who: { id: string }) => (await tastingsToScore(db, shopId, who.id)).map((x) => x.id);
    expect(await toScore(a!)).toEqual([t.id]);
    expect(await submitScore(db, a!, shopId, { tastingId: t.id, score: 2, note: "Too sweet" }, NOW())).toEqual({ status: "OPEN" });
    expect(await toScore(a!)).toEqual([]);
    expect(await toScore(b!)).toEqual([t.id]);
    expect(await submitScore(db, a!, shopId, { tastingId: t.id, score: 4, note: "Better on a second sip" }, NOW())).toEqual({ status: "OPEN" });
    expect(await submitScore(db, b!, shopId, { tastingId: t.id, score: 3 }, NOW())).toEqual({ status: "OPEN" });
    const listed = (await listTastings(db, shopId, a!.id))[0]!;
    expect(listed.scores.map((s) => s.score)).toEqual([4, 3]);
    expect(listed.mine?.note).toBe("Better on a second sip");
    // 4, 3, 5: mean 4.0 over three scores.
    expect(await submitScore(db, manager!, shopId, { tastingId: t.id, score: 5 }, NOW())).toEqual({ status: "PASSED" });
    await expect(submitScore(db, b!, shopId, { tastingId: t.id, score: 1 })).rejects.toThrow(/This tasting is closed \(passed\)/);
    // Closed: no one is reminded of it any more, not even someone who never scored.
    expect(await toScore({ id: crypto.randomUUID() })).toEqual([]);
    await expect(closeTasting(db, manager!, shopId, { tastingId: t.id })).rejects.toThrow(/closed/);
    const proposal = await db.agentProposal.findFirstOrThrow({ where: { shopId, kind: ADD_TO_MENU_KIND } });
    expect(proposal.title).toMatch(/^Add Summer Caramel Cold Brew to the menu at \$\d+\.\d\d$/);
    expect((await db.tasting.findUniqueOrThrow({ where: { id: t.id } })).menuProposalId).toBe(proposal.id);
    // Passed: its alert is resolved, so it leaves the open alerts.
    expect(await db.agentAlert.count({ where: { shopId, agent: "tasting", resolvedAt: null } })).toBe(0);
  });

  it("approved, the drink is on this shop's menu with its recipe and price, and on no other shop's", async () => {
    const [manager] = people;
    const proposal = await db.agentProposal.findFirstOrThrow({ where: { shopId, kind: ADD_TO_MENU_KIND } });
    await decideProposal(db, manager!, shopId, { proposalId: proposal.id, decision: "APPROVED" }, NOW());
    const payload = proposal.payload as { priceCents: number; lines: { ingredientId: string; slug: string; quantity: number; unit: string }[] };
    const menu = (await getShopMenu(db, slug, NOW()))!;
    const drink = menu.categories.flatMap((c) => c.products).find((p) => p.name === "Summer Caramel Cold Brew");
    expect(drink).toMatchObject({ imageUrl: "/menu/cold-brew.svg", station: "BREW", available: true });
    // Offered like the cold brew it is modelled on: sizes and syrups. It was tasted in a 16 oz cup,
    // so Large costs the suggested price, and the base recipe is the tasted one at Medium's 100 %.
    expect(drink!.optionGroups.map((g) => g.slug)).toEqual(["size", "syrups"]);
    const large = drink!.optionGroups[0]!.options.find((o) => o.slug === "large")!;
    expect(drink!.priceCents + large.priceDeltaCents).toBe(payload.priceCents);
    const product = await db.product.findUniqueOrThrow({ where: { id: drink!.id }, include: { recipe: { include: { ingredient: true, option: true } }, category: true } });
    expect(product.category.slug).toBe("brewed-coffee");
    const tasted = payload.lines.filter((l) => !l.slug.startsWith("cup-"));
    expect(product.recipe.filter((r) => r.optionId === null).map((r) => [r.ingredientId, r.quantity]).sort()).toEqual(
      tasted.map((l) => [l.ingredientId, l.unit === "PIECE" ? l.quantity : Math.round((l.quantity * 100) / large.recipeScalePct)]).sort(),
    );
    expect(product.recipe.find((r) => r.option?.slug === "large")?.ingredient.slug).toBe("cup-16oz");
    const sfo = (await getShopMenu(db, "sfo-terminal-2", NOW()))!;
    expect(sfo.categories.flatMap((c) => c.products).map((p) => p.name)).not.toContain("Summer Caramel Cold Brew");
    expect((await db.agentProposal.findUniqueOrThrow({ where: { id: proposal.id } })).doneAt).not.toBeNull();
  });
});
