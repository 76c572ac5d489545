import type { Db } from "@/lib/db";
import { PURCHASE_ORDER_KIND, purchaseOrderMailKey } from "@/lib/inventory/purchase-order-mail";
import { available, daysOfCover, isOut, needsReorder, type IngredientState } from "./cover";
import { ledgerUsage, loadShopStock } from "./state";

export type StockRow = IngredientState & { available: number; daysOfCover: number | null; out: boolean; low: boolean };
/** `order`: how the order reached the supplier: mailed (the delivery engine's status and the address), or not (no address: by phone). */
export type ExpectedDelivery = {
  proposalId: string;
  title: string;
  ingredientId: string;
  name: string;
  unit: IngredientState["unit"];
  quantity: number;
  supplier: string;
  approvedAt: Date | null;
  dueAt: Date | null;
  order: { mailedTo: string; status: "PENDING" | "DELIVERED" | "DEAD"; error: string | null } | null;
};

/** The Stock screen: every ingredient with its cover, and the approved purchase orders not yet received ("delivery expected"). */
export async function stockOverview(db: Db, shopId: string, now = new Date()): Promise<{ rows: StockRow[]; expected: ExpectedDelivery[] }> {
  const [states, approved] = await Promise.all([
    ledgerUsage(db, shopId, now).then((usage) => loadShopStock(db, shopId, usage)),
    db.agentProposal.findMany({ where: { shopId, kind: PURCHASE_ORDER_KIND, status: "APPROVED", doneAt: null }, orderBy: { decidedAt: "asc" } }),
  ]);
  const rows = states.map((s) => ({ ...s, available: available(s), daysOfCover: daysOfCover(s), out: isOut(s), low: needsReorder(s) }));
  const mails = await db.integrationDelivery.findMany({ where: { idempotencyKey: { in: approved.map((p) => purchaseOrderMailKey(p.id)) } }, select: { idempotencyKey: true, status: true, lastError: true, message: true } });
  const mailOf = (id: string): ExpectedDelivery["order"] => {
    const mail = mails.find((m) => m.idempotencyKey === purchaseOrderMailKey(id));
    return mail ? { mailedTo: (mail.message as { to: string }).to, status: mail.status === "DELIVERED" || mail.status === "DEAD" ? mail.status : "PENDING", error: mail.lastError } : null;
  };
  const expected = approved.map((p): ExpectedDelivery => {
    const line = p.payload as { ingredientId: string; name: string; unit: IngredientState["unit"]; quantity: number; supplier: string; leadTimeDays: number };
    return { proposalId: p.id, title: p.title, ingredientId: line.ingredientId, name: line.name, unit: line.unit, quantity: line.quantity, supplier: line.supplier, approvedAt: p.decidedAt, dueAt: p.decidedAt ? new Date(p.decidedAt.getTime() + line.leadTimeDays * 86_400_000) : null, order: mailOf(p.id) };
  });
  return { rows, expected };
}
