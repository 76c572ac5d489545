import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";

/**
 * Stock moved between two shops of the company. A transfer is an agent proposal of kind
 * "transfer" (the coordinator's, lib/agents/coordinator) filed in the SENDING shop, whose managers
 * decide it, with the receiver in `toShopId`. Its life:
 *   PENDING (proposed) → APPROVED by the sender's manager = sent: TRANSFER_OUT, stock leaves the
 *   sender at once; "in transit" on both shops' Stock screens (APPROVED, doneAt null)
 *   → received: the receiver's manager counts it in, TRANSFER_IN of the count (a difference is
 *   recorded), doneAt set. Rejected or expired: nothing moves.
 * Every step is audited and announced (inventory.transfer_changed) so both agents re-assess.
 */

type Tx = Prisma.TransactionClient;

export const TRANSFER_KIND = "transfer";
/** Counts above this are typing mistakes, as for deliveries. */
const MAX_COUNT = 1_000_000;

export type Unit = "GRAM" | "MILLILITER" | "PIECE";

/** What a transfer proposal carries (agent_proposals.payload). */
export type TransferPayload = {
  fromShopId: string;
  fromShopName: string;
  toShopId: string;
  toShopName: string;
  ingredientId: string;
  slug: string;
  name: string;
  unit: Unit;
  quantity: number;
  packSize: number;
  /** What the sender must still have after sending (its own safety cover), checked again when approved. */
  senderKeeps: number;
  transitDays: number;
  reason: string;
  /** Who decided the transfer ("rules": always) and who wrote the reason text. */
  provider: string;
  explainedBy: string;
};

type ProposalRow = { id: string; shopId: string; toShopId: string | null; title: string; payload: Prisma.JsonValue };

/** Incoming stock per ingredient: transfers to the shop still waiting for approval (not expired) or in transit. */
export async function incomingTransfers(tx: Tx, shopId: string, now = new Date()): Promise<Map<string, number>> {
  const rows = await tx.agentProposal.findMany({ where: { kind: TRANSFER_KIND, toShopId: shopId, OR: [{ status: "PENDING", expiresAt: { gt: now } }, { status: "APPROVED", doneAt: null }] }, select: { payload: true } });
  const incoming = new Map<string, number>();
  for (const r of rows) {
    const p = r.payload as TransferPayload;
    incoming.set(p.ingredientId, (incoming.get(p.ingredientId) ?? 0) + p.quantity);
  }
  return incoming;
}

/** Stock promised away per ingredient: the shop's transfers waiting for its approval (sent ones have already left on_hand). */
export async function promisedTransfers(tx: Tx, shopId: string, now = new Date()): Promise<Map<string, number>> {
  const rows = await tx.agentProposal.findMany({ where: { kind: TRANSFER_KIND, shopId, status: "PENDING", expiresAt: { gt: now } }, select: { payload: true } });
  const promised = new Map<string, number>();
  for (const r of rows) {
    const p = r.payload as TransferPayload;
    promised.set(p.ingredientId, (promised.get(p.ingredientId) ?? 0) + p.quantity);
  }
  return promised;
}

/**
 * The approval side, inside decideProposal's transaction (lib/agents/core/proposals.ts). Approved:
 * the stock leaves the sender now (TRANSFER_OUT), unless that would take the sender below what it
 * must keep, in which case nothing is approved. Rejected: only announced.
 */
export async function onTransferDecided(tx: Tx, actor: AuditActor, proposal: ProposalRow, decision: "APPROVED" | "REJECTED", now: Date): Promise<void> {
  const t = proposal.payload as TransferPayload;
  if (decision === "APPROVED") {
    const [stock] = await tx.$queryRaw<{ on_hand: number; reserved: number }[]>`
      SELECT on_hand, reserved FROM stock WHERE shop_id = ${t.fromShopId}::uuid AND ingredient_id = ${t.ingredientId}::uuid FOR UPDATE`;
    if (!stock) throw new DomainError("conflict", `${t.fromShopName} does not stock ${t.name.toLowerCase()}`);
    const availableAfter = stock.on_hand - stock.reserved - t.quantity;
    if (availableAfter < t.senderKeeps) throw new DomainError("conflict", `Sending ${t.quantity} would leave ${t.fromShopName} with ${Math.max(0, availableAfter)} ${t.name.toLowerCase()}, below the ${t.senderKeeps} it must keep: reject this transfer`);
    await tx.stock.update({ where: { shopId_ingredientId: { shopId: t.fromShopId, ingredientId: t.ingredientId } }, data: { onHand: { decrement: t.quantity } } });
    await tx.stockMovement.create({ data: { shopId: t.fromShopId, ingredientId: t.ingredientId, kind: "TRANSFER_OUT", quantity: t.quantity, note: `Transfer to ${t.toShopName} (proposal ${proposal.id})` } });
    await recordAudit(tx, { shopId: t.fromShopId, actor, action: "inventory.transfer.sent", target: `proposal:${proposal.id}`, summary: `Sent ${t.quantity} ${t.name.toLowerCase()} to ${t.toShopName}`, after: { quantity: t.quantity, toShopId: t.toShopId } });
  }
  await enqueueEvents(tx, [transferEvent(proposal.id, t, decision === "APPROVED" ? "SENT" : "REJECTED", t.quantity, now)]);
}

function transferEvent(proposalId: string, t: TransferPayload, status: "PROPOSED" | "SENT" | "RECEIVED" | "REJECTED", quantity: number, now: Date) {
  // Keyed by the receiver: one receiver's transfer events stay in order.
  return createEvent("inventory.transfer_changed", t.toShopId, { proposalId, fromShopId: t.fromShopId, toShopId: t.toShopId, ingredientId: t.ingredientId, quantity, status }, now);
}

/** The coordinator's announcement of a new transfer proposal (both agents re-assess the receiver). */
export function transferProposedEvent(proposalId: string, t: TransferPayload, now: Date) {
  return transferEvent(proposalId, t, "PROPOSED", t.quantity, now);
}

const receiptSchema = z.object({
  proposalId: z.uuid(),
  /** What arrived, counted by the receiving manager (0: nothing arrived). */
  quantity: z.number().int().min(0).max(MAX_COUNT),
});

export type TransferReceipt = { counted: number; sent: number };

/**
 * The receiving shop's manager counts a transfer in: a TRANSFER_IN movement of the count (a
 * difference from what was sent is recorded on it and in the audit log), stock raised, the
 * transfer done. Only a transfer sent to this shop and not yet received can be counted in.
 */
export async function receiveTransfer(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<TransferReceipt> {
  const parsed = receiptSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { proposalId, quantity } = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await tx.agentProposal.findFirst({ where: { id: proposalId, kind: TRANSFER_KIND, toShopId: shopId } });
    if (!row) throw new DomainError("not_found", "No such transfer to this shop");
    if (row.status !== "APPROVED") throw new DomainError("conflict", "Only a transfer the sending shop has approved can be received");
    const done = await tx.agentProposal.updateMany({ where: { id: row.id, doneAt: null }, data: { doneAt: now } });
    if (done.count === 0) throw new DomainError("conflict", "This transfer was already received");
    const t = row.payload as TransferPayload;
    const note = quantity === t.quantity ? `Transfer from ${t.fromShopName} received as sent` : `Transfer from ${t.fromShopName} received: sent ${t.quantity}, counted ${quantity}`;
    await tx.$queryRaw`SELECT 1 FROM stock WHERE shop_id = ${shopId}::uuid AND ingredient_id = ${t.ingredientId}::uuid FOR UPDATE`;
    await tx.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: t.ingredientId } }, data: { onHand: { increment: quantity } } });
    await tx.stockMovement.create({ data: { shopId, ingredientId: t.ingredientId, kind: "TRANSFER_IN", quantity, note } });
    await recordAudit(tx, {
      shopId,
      actor,
      action: "inventory.transfer.received",
      target: `proposal:${row.id}`,
      summary: `${note}${quantity === t.quantity ? "" : " (difference recorded)"}`,
      before: { sent: t.quantity },
      after: { counted: quantity, difference: quantity - t.quantity },
    });
    await enqueueEvents(tx, [transferEvent(row.id, t, "RECEIVED", quantity, now)]);
    return { counted: quantity, sent: t.quantity };
  });
}

export type TransferView = { proposalId: string; title: string; direction: "in" | "out"; state: "proposed" | "in transit"; otherShop: string; ingredientId: string; name: string; unit: Unit; quantity: number; approvedAt: Date | null; dueAt: Date | null; expiresAt: Date };

/** The Stock screen's transfers of a shop, both ways: proposed (waiting for the sender's manager) and in transit. */
export async function shopTransfers(db: Db, shopId: string, now = new Date()): Promise<TransferView[]> {
  const rows = await db.agentProposal.findMany({
    where: { kind: TRANSFER_KIND, AND: [{ OR: [{ shopId }, { toShopId: shopId }] }, { OR: [{ status: "PENDING", expiresAt: { gt: now } }, { status: "APPROVED", doneAt: null }] }] },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => {
    const t = r.payload as TransferPayload;
    const direction = r.toShopId === shopId ? "in" : "out";
    return {
      proposalId: r.id,
      title: r.title,
      direction,
      state: r.status === "APPROVED" ? "in transit" : "proposed",
      otherShop: direction === "in" ? t.fromShopName : t.toShopName,
      ingredientId: t.ingredientId,
      name: t.name,
      unit: t.unit,
      quantity: t.quantity,
      approvedAt: r.decidedAt,
      dueAt: r.decidedAt ? new Date(r.decidedAt.getTime() + t.transitDays * 86_400_000) : null,
      expiresAt: r.expiresAt,
    };
  });
}
