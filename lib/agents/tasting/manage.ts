import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { newDrinkPayload } from "../inventor/compose";
import { proposeAddToMenu } from "./agent";
import { syncTastingAlerts } from "./alerts";
import { meanScore, tastingVerdict } from "./verdict";

type Tx = Prisma.TransactionClient;

/**
 * The Tastings screen: the shop's tastings (open first), with everyone's scores; the shop's staff
 * (baristas, managers) give one score each, 1–5 with a note, and change it until the tasting
 * closes; a manager may close it. Three scores with a mean of 3.5 or more pass it at once; a
 * manager's close decides on the scores there are. Passed → an add-to-menu proposal.
 */

const scoreSchema = z.object({ tastingId: z.uuid(), score: z.number().int().min(1, "A score is 1 to 5").max(5, "A score is 1 to 5"), note: z.string().trim().max(280, "A note is at most 280 characters").default("") });
const closeSchema = z.object({ tastingId: z.uuid() });

export async function listTastings(db: Db, shopId: string, userId: string) {
  const rows = await db.tasting.findMany({ where: { shopId }, orderBy: [{ status: "asc" }, { scheduledAt: "asc" }], take: 20, include: { scores: { orderBy: { updatedAt: "asc" } } } });
  const people = await db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((t) => t.scores.map((s) => s.userId)))] } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.name ?? p.email ?? "someone"]));
  return rows.map((t) => {
    const drink = newDrinkPayload.safeParse(t.drink);
    return {
      id: t.id,
      name: t.name,
      description: drink.success ? drink.data.description : "",
      lines: drink.success ? drink.data.lines : [],
      priceCents: drink.success ? drink.data.priceCents : null,
      scheduledAt: t.scheduledAt,
      scheduleNote: t.scheduleNote,
      status: t.status,
      mean: meanScore(t.scores.map((s) => s.score)),
      scores: t.scores.map((s) => ({ who: nameOf.get(s.userId) ?? "someone", score: s.score, note: s.note, mine: s.userId === userId })),
      mine: t.scores.find((s) => s.userId === userId) ?? null,
    };
  });
}

/**
 * The barista screen's reminder: the shop's open tastings this person has not scored yet, soonest
 * first (an open tasting can be scored until a manager closes it, whenever it was planned).
 */
export async function tastingsToScore(db: Db, shopId: string, userId: string): Promise<{ id: string; name: string; scheduledAt: Date }[]> {
  return db.tasting.findMany({
    where: { shopId, status: "OPEN", scores: { none: { userId } } },
    orderBy: { scheduledAt: "asc" },
    take: 3,
    select: { id: true, name: true, scheduledAt: true },
  });
}

async function openTasting(tx: Tx, shopId: string, tastingId: string) {
  const [t] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tastings WHERE id = ${tastingId}::uuid AND shop_id = ${shopId}::uuid FOR UPDATE`;
  if (!t) throw new DomainError("not_found", "No such tasting in this shop");
  const tasting = await tx.tasting.findUniqueOrThrow({ where: { id: tastingId } });
  if (tasting.status !== "OPEN") throw new DomainError("conflict", `This tasting is closed (${tasting.status.toLowerCase()}): scores can no longer change`);
  return tasting;
}

async function decideIfDone(tx: Tx, actor: AuditActor, tasting: { id: string; shopId: string; name: string; drink: unknown }, closing: boolean, now: Date) {
  const scores = (await tx.tastingScore.findMany({ where: { tastingId: tasting.id }, select: { score: true } })).map((s) => s.score);
  const verdict = tastingVerdict(scores, closing);
  if (verdict === "OPEN") return verdict;
  const menuProposalId = verdict === "PASSED" ? await proposeAddToMenu(tx, tasting, scores, now) : null;
  await tx.tasting.update({ where: { id: tasting.id }, data: { status: verdict, closedAt: now, closedBy: closing ? actor.id : null, menuProposalId } });
  await syncTastingAlerts(tx, tasting.shopId, now);
  await recordAudit(tx, { shopId: tasting.shopId, actor, action: `agents.tasting.${verdict.toLowerCase()}`, target: `tasting:${tasting.id}`, summary: `Tasting of ${tasting.name} ${verdict === "PASSED" ? "passed" : "failed"}: mean ${meanScore(scores)?.toFixed(1) ?? "—"} from ${scores.length} scores${closing ? " (closed by a manager)" : ""}` });
  return verdict;
}

/** One person's score (new or changed) while the tasting is open; may pass it. */
export async function submitScore(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()) {
  const parsed = scoreSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { tastingId, score, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const tasting = await openTasting(tx, shopId, tastingId);
    await tx.tastingScore.upsert({ where: { tastingId_userId: { tastingId, userId: actor.id } }, create: { tastingId, userId: actor.id, score, note }, update: { score, note } });
    await recordAudit(tx, { shopId, actor, action: "agents.tasting.scored", target: `tasting:${tastingId}`, summary: `Scored ${tasting.name}: ${score} of 5` });
    return { status: await decideIfDone(tx, actor, tasting, false, now) };
  });
}

/** A manager closes an open tasting: passed on a mean of 3.5 or more over the scores given, else failed. */
export async function closeTasting(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()) {
  const parsed = closeSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return db.$transaction(async (tx) => {
    const tasting = await openTasting(tx, shopId, parsed.data.tastingId);
    return { status: await decideIfDone(tx, actor, tasting, true, now) };
  });
}
