import { z } from "zod";
import { localDate } from "@/lib/analytics/time";
import type { AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { KIND_LABEL, type AdminKind } from "@/lib/integrations/kinds";
import { recordSocialPost, SOCIAL_KINDS, SOCIAL_POST_DELIVERY, socialTargets } from "@/lib/integrations/social/posts";
import { decideProposal } from "../core/proposals";
import { factsOf, type SocialPostPayload } from "./agent";
import { checkPostText, SOCIAL_POST_KIND } from "./post";

/**
 * The Social screen (/manager/<shop>/social): the shop's posts and where each stands, and the
 * manager's decisions (approve with the text as edited, validated; reject).
 */

export type PostState = "waiting_approval" | "no_connection" | "not_sent" | "publishing" | "held" | "published" | "failed" | "rejected" | "expired";

export type SocialPostView = {
  id: string;
  state: PostState;
  text: string;
  productName: string;
  imagePath: string;
  occasion: SocialPostPayload["occasion"];
  reason: string;
  writtenBy: string;
  createdAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  /** Published posts' links (one per Mastodon or X connection), with the service they are on. */
  links: { service: string; url: string }[];
  /** Why it is held or failed, when it is. */
  problem: string | null;
};

/** The Mastodon and X connections that publish this shop's posts (kind, label and status), for the screen's header: Mastodon's first. */
export async function shopConnections(db: Db, shopId: string) {
  const rows = await db.integration.findMany({ where: { kind: { in: [...SOCIAL_KINDS] }, OR: [{ shopIds: { isEmpty: true } }, { shopIds: { has: shopId } }] }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }], select: { kind: true, name: true, status: true, config: true } });
  return rows.map((r) => ({ kind: r.kind as (typeof SOCIAL_KINDS)[number], name: r.name, status: r.status, account: (r.config as { account?: string }).account ?? null }));
}

/** Whether today's special (the shop's local date) has been drafted: the screen offers "Draft today's special" until it has. */
export async function specialDraftedToday(db: Db, shopId: string, timezone: string, now = new Date()): Promise<boolean> {
  return (await db.agentProposal.count({ where: { shopId, subject: `social:special:${localDate(now, timezone)}` } })) > 0;
}

export async function socialPosts(db: Db, shopId: string, now = new Date()): Promise<SocialPostView[]> {
  const proposals = await db.agentProposal.findMany({ where: { shopId, kind: SOCIAL_POST_KIND }, orderBy: { createdAt: "desc" }, take: 50 });
  const deliveries = await db.integrationDelivery.findMany({
    where: { kind: SOCIAL_POST_DELIVERY, OR: proposals.map((p) => ({ idempotencyKey: { startsWith: `${SOCIAL_POST_DELIVERY}:${p.id}:` } })) },
    include: { integration: { select: { kind: true, status: true, statusReason: true } } },
  });
  const hasConnection = (await db.$transaction((tx) => socialTargets(tx, shopId))).length > 0;
  return proposals.map((p) => {
    const payload = p.payload as SocialPostPayload;
    const mine = deliveries.filter((d) => d.idempotencyKey.startsWith(`${SOCIAL_POST_DELIVERY}:${p.id}:`));
    const links = mine.filter((d) => d.status === "DELIVERED" && d.externalRef).map((d) => ({ service: KIND_LABEL[d.integration.kind as AdminKind] ?? d.integration.kind, url: d.externalRef! }));
    let state: PostState;
    let problem: string | null = null;
    if (p.status === "PENDING") state = p.expiresAt <= now ? "expired" : "waiting_approval";
    else if (p.status === "REJECTED" || p.status === "WITHDRAWN") state = "rejected";
    else if (p.status === "EXPIRED") state = "expired";
    else if (links.length > 0) state = "published";
    // No delivery: no connection when it was approved (or the worker has not read the approval yet).
    else if (mine.length === 0) state = hasConnection ? "not_sent" : "no_connection";
    else if (mine.some((d) => d.status === "PENDING" && d.integration.status === "BROKEN")) {
      state = "held";
      problem = mine.find((d) => d.integration.status === "BROKEN")?.integration.statusReason ?? null;
    } else if (mine.every((d) => d.status === "DEAD")) {
      state = "failed";
      problem = mine[0]?.lastError ?? null;
    } else state = "publishing";
    return { id: p.id, state, text: payload.text, productName: payload.productName, imagePath: payload.imagePath, occasion: payload.occasion, reason: payload.reason, writtenBy: payload.writtenBy, createdAt: p.createdAt, expiresAt: p.expiresAt, decidedAt: p.decidedAt, links, problem };
  });
}

const approveSchema = z.object({ proposalId: z.uuid(), text: z.string().max(2000, "a post has at most 500 characters") });

/**
 * Approves a post with its text as the manager left it: the text must pass the same checks as a
 * model's (≤ 500 characters, the product named, its real price only, no link but ours), or
 * nothing changes and the reason is given. Then decided like any proposal (audited, announced:
 * the integrations worker publishes it).
 */
export async function approvePost(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<void> {
  const parsed = approveSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { proposalId } = parsed.data;
  const text = parsed.data.text.trim();
  const proposal = await db.agentProposal.findFirst({ where: { id: proposalId, shopId, kind: SOCIAL_POST_KIND } });
  if (!proposal) throw new DomainError("not_found", "No such post in this shop");
  const payload = proposal.payload as SocialPostPayload;
  const problems = checkPostText(text, factsOf(payload));
  if (problems.length > 0) throw new DomainError("invalid", `This post cannot be published: ${problems.join("; ")}.`, [{ path: "text", message: problems.join("; ") }]);
  if (text !== payload.text) {
    const edited = await db.agentProposal.updateMany({ where: { id: proposalId, status: "PENDING", expiresAt: { gt: now } }, data: { payload: { ...payload, text, editedBy: actor.id } } });
    if (edited.count === 0) throw new DomainError("conflict", `This post was already ${proposal.status === "PENDING" ? "expired" : proposal.status.toLowerCase()}`);
  }
  await decideProposal(db, actor, shopId, { proposalId, decision: "APPROVED" }, now);
}

export async function rejectPost(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<void> {
  const parsed = z.object({ proposalId: z.uuid() }).safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const proposal = await db.agentProposal.findFirst({ where: { id: parsed.data.proposalId, shopId, kind: SOCIAL_POST_KIND }, select: { id: true } });
  if (!proposal) throw new DomainError("not_found", "No such post in this shop");
  await decideProposal(db, actor, shopId, { proposalId: proposal.id, decision: "REJECTED" }, now);
}

/**
 * An approved post that waited for a connection (none when it was approved): records its
 * deliveries now that the shop has one. Idempotent (the delivery keys), so pressing twice publishes once.
 */
export async function publishWaitingPost(db: Db, shopId: string, raw: unknown): Promise<number> {
  const parsed = z.object({ proposalId: z.uuid() }).safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const proposal = await db.agentProposal.findFirst({ where: { id: parsed.data.proposalId, shopId, kind: SOCIAL_POST_KIND }, select: { id: true, status: true } });
  if (!proposal) throw new DomainError("not_found", "No such post in this shop");
  if (proposal.status !== "APPROVED") throw new DomainError("conflict", "Only an approved post can be published.");
  return db.$transaction(async (tx) => {
    if ((await socialTargets(tx, shopId)).length === 0) throw new DomainError("conflict", "This shop has no Mastodon or X connection yet: an admin connects one in Integrations.");
    return recordSocialPost(tx, proposal.id);
  });
}
