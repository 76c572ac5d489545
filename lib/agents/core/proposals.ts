import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { onTransferDecided, TRANSFER_KIND } from "@/lib/inventory/transfers";
import { mailApprovedPurchaseOrder, PURCHASE_ORDER_KIND } from "@/lib/inventory/purchase-order-mail";
import { onAddToMenuApproved } from "@/lib/agents/tasting/menu";

/** The tasting coordinator's proposal kind (lib/agents/tasting/agent.ts): approving it puts the drink on that shop's menu. */
const ADD_TO_MENU_KIND = "add_to_menu";

type Tx = Prisma.TransactionClient;

export type NewProposal = { agent: string; shopId: string; toShopId?: string | null; kind: string; subject: string; title: string; payload: Prisma.InputJsonValue; runId: string | null; ttlHours: number };

/** Proposals waiting or approved-and-not-done block a new one on the same subject: a repeated trigger does not pile them up. */
export async function openProposalSubjects(tx: Tx, shopId: string, now = new Date()): Promise<Set<string>> {
  const open = await tx.agentProposal.findMany({ where: { shopId, OR: [{ status: "PENDING", expiresAt: { gt: now } }, { status: "APPROVED", doneAt: null }] }, select: { subject: true } });
  return new Set(open.map((p) => p.subject));
}

export async function createProposal(tx: Tx, p: NewProposal, now = new Date()): Promise<string> {
  const row = await tx.agentProposal.create({
    data: { agent: p.agent, shopId: p.shopId, toShopId: p.toShopId ?? null, kind: p.kind, subject: p.subject, title: p.title, payload: p.payload, runId: p.runId, expiresAt: new Date(now.getTime() + p.ttlHours * 3_600_000) },
    select: { id: true, expiresAt: true },
  });
  // Announced (through the outbox, in the agent's transaction) for those who decide away from the manager page: Slack.
  await enqueueEvents(tx, [createEvent("agents.proposal_created", row.id, { proposalId: row.id, agent: p.agent, shopId: p.shopId, toShopId: p.toShopId ?? null, kind: p.kind, title: p.title, expiresAt: row.expiresAt.toISOString() }, now)]);
  return row.id;
}

const decisionSchema = z.object({ proposalId: z.uuid(), decision: z.enum(["APPROVED", "REJECTED"]) });

/**
 * A manager approves or rejects a waiting proposal of their shop: audited, announced on
 * agents.proposals.v1. A proposal already decided, or past its expiry, cannot be decided. A
 * transfer is decided in its sender's shop, and approving it sends the stock in the same
 * transaction (lib/inventory/transfers.ts): approved and sent are one fact. `via` names where the
 * decision was made when not on the manager page (Slack), for the audit log.
 */
export async function decideProposal(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date(), via?: string): Promise<void> {
  const parsed = decisionSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { proposalId, decision } = parsed.data;
  await db.$transaction(async (tx) => {
    const proposal = await tx.agentProposal.findFirst({ where: { id: proposalId, shopId } });
    if (!proposal) throw new DomainError("not_found", "No such proposal in this shop");
    if (proposal.status !== "PENDING") throw new DomainError("conflict", `This proposal was already ${proposal.status.toLowerCase()}`);
    if (proposal.expiresAt <= now) throw new DomainError("conflict", "This proposal has expired");
    const updated = await tx.agentProposal.updateMany({ where: { id: proposalId, status: "PENDING" }, data: { status: decision, decidedBy: actor.id, decidedAt: now } });
    if (updated.count === 0) throw new DomainError("conflict", "This proposal was decided by someone else just now");
    if (proposal.kind === TRANSFER_KIND) await onTransferDecided(tx, actor, proposal, decision, now);
    if (proposal.kind === ADD_TO_MENU_KIND && decision === "APPROVED") await onAddToMenuApproved(tx, actor, proposal, now);
    if (proposal.kind === PURCHASE_ORDER_KIND && decision === "APPROVED") await mailApprovedPurchaseOrder(tx, actor, proposal, now);
    await recordAudit(tx, { shopId, actor, action: `agents.proposal.${decision.toLowerCase()}`, target: `proposal:${proposalId}`, summary: `${decision === "APPROVED" ? "Approved" : "Rejected"}: ${proposal.title}${via ? ` (${via})` : ""}`, before: { status: "PENDING" }, after: { status: decision } });
    await enqueueEvents(tx, [createEvent("agents.proposal_decided", proposalId, { proposalId, agent: proposal.agent, shopId, kind: proposal.kind, status: decision, decidedBy: actor.id }, now)]);
  });
}

/** Marks waiting proposals past their expiry EXPIRED (and announces each). */
export async function expireProposals(tx: Tx, shopId: string, now = new Date()): Promise<number> {
  const expired = await tx.agentProposal.updateManyAndReturn({ where: { shopId, status: "PENDING", expiresAt: { lte: now } }, data: { status: "EXPIRED", decidedAt: now } });
  await enqueueEvents(tx, expired.map((p) => createEvent("agents.proposal_decided", p.id, { proposalId: p.id, agent: p.agent, shopId, kind: p.kind, status: "EXPIRED", decidedBy: null }, now)));
  return expired.length;
}

/**
 * An agent takes back a proposal nobody has decided yet (the coordinator, when a transfer arriving
 * sooner replaces a waiting purchase order). Announced like a decision; false if it was no longer waiting.
 */
export async function withdrawProposal(tx: Tx, proposalId: string, now = new Date()): Promise<boolean> {
  const withdrawn = await tx.agentProposal.updateManyAndReturn({ where: { id: proposalId, status: "PENDING" }, data: { status: "WITHDRAWN", decidedAt: now } });
  await enqueueEvents(tx, withdrawn.map((p) => createEvent("agents.proposal_decided", p.id, { proposalId: p.id, agent: p.agent, shopId: p.shopId, kind: p.kind, status: "WITHDRAWN", decidedBy: null }, now)));
  return withdrawn.length > 0;
}

export async function listProposals(db: Db, shopId: string) {
  const [pending, recent] = await Promise.all([
    db.agentProposal.findMany({ where: { shopId, status: "PENDING", expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } }),
    db.agentProposal.findMany({ where: { shopId, status: { not: "PENDING" } }, orderBy: { decidedAt: "desc" }, take: 10 }),
  ]);
  return { pending, recent };
}
