import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";

/** Counts above this (a million grams, a thousand litres) are typing mistakes, not deliveries. */
const MAX_COUNT = 1_000_000;

const deliverySchema = z.object({
  /** The approved purchase order this delivery answers; null for a delivery without one (a new shop's first). */
  proposalId: z.uuid().nullable().default(null),
  lines: z
    .array(z.object({ ingredientId: z.uuid(), quantity: z.number().int().min(0).max(MAX_COUNT) }))
    .min(1)
    .max(200),
});

export type DeliveryResult = { received: number; differences: { ingredientId: string; expected: number; counted: number }[] };

/**
 * A manager counts a delivery into stock: one RESTOCK movement per counted line (differences from
 * the purchase order recorded in its note), stock raised, the purchase order marked done, audited,
 * and announced (inventory.delivery_received) so the inventory agent re-assesses the shop.
 */
export async function receiveDelivery(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<DeliveryResult> {
  const parsed = deliverySchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { proposalId } = parsed.data;
  const ids = parsed.data.lines.map((l) => l.ingredientId);
  if (new Set(ids).size !== ids.length) throw new DomainError("invalid", "Each ingredient may appear once in a delivery");

  return db.$transaction(async (tx) => {
    const expected = new Map<string, number>();
    if (proposalId) {
      const po = await tx.agentProposal.findFirst({ where: { id: proposalId, shopId, kind: "purchase_order" } });
      if (!po) throw new DomainError("not_found", "No such purchase order in this shop");
      if (po.status !== "APPROVED") throw new DomainError("conflict", "Only an approved purchase order can be received");
      if (po.doneAt) throw new DomainError("conflict", "This delivery was already received");
      const payload = po.payload as { ingredientId: string; quantity: number };
      expected.set(payload.ingredientId, payload.quantity);
      await tx.agentProposal.update({ where: { id: po.id }, data: { doneAt: now } });
    }
    const stocked = await tx.stock.findMany({ where: { shopId, ingredientId: { in: ids } }, select: { ingredientId: true } });
    if (stocked.length !== ids.length) throw new DomainError("invalid", "A line names an ingredient this shop does not stock");

    const counted = parsed.data.lines.filter((l) => l.quantity > 0);
    const differences = [...expected].flatMap(([ingredientId, exp]) => {
      const got = parsed.data.lines.find((l) => l.ingredientId === ingredientId)?.quantity ?? 0;
      return got === exp ? [] : [{ ingredientId, expected: exp, counted: got }];
    });
    if (counted.length === 0) throw new DomainError("invalid", "Count at least one item into stock");

    const sorted = [...counted].sort((a, b) => a.ingredientId.localeCompare(b.ingredientId));
    await tx.$queryRaw`SELECT 1 FROM stock WHERE shop_id = ${shopId}::uuid AND ingredient_id = ANY(${sorted.map((l) => l.ingredientId)}::uuid[]) ORDER BY ingredient_id FOR UPDATE`;
    for (const line of sorted) {
      const exp = expected.get(line.ingredientId);
      await tx.stock.update({ where: { shopId_ingredientId: { shopId, ingredientId: line.ingredientId } }, data: { onHand: { increment: line.quantity } } });
      await tx.stockMovement.create({
        data: { shopId, ingredientId: line.ingredientId, kind: "RESTOCK", quantity: line.quantity, note: exp === undefined ? "Delivery received" : exp === line.quantity ? "Delivery received as ordered" : `Delivery received: ordered ${exp}, counted ${line.quantity}` },
      });
    }
    await recordAudit(tx, {
      shopId,
      actor,
      action: "inventory.delivery.received",
      target: proposalId ? `proposal:${proposalId}` : `shop:${shopId}`,
      summary: `Delivery received: ${counted.length} item${counted.length === 1 ? "" : "s"} counted into stock${differences.length > 0 ? `, ${differences.length} different from the order` : ""}`,
      after: { lines: counted, differences },
    });
    await enqueueEvents(tx, [createEvent("inventory.delivery_received", shopId, { shopId, proposalId, lines: counted }, now)]);
    return { received: counted.length, differences };
  });
}
