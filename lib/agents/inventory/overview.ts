import type { Db } from "@/lib/db";
import { available, daysOfCover, isOut, needsReorder, type IngredientState } from "./cover";
import { ledgerUsage, loadShopStock } from "./state";

export type StockRow = IngredientState & { available: number; daysOfCover: number | null; out: boolean; low: boolean };
export type ExpectedDelivery = { proposalId: string; title: string; ingredientId: string; name: string; unit: IngredientState["unit"]; quantity: number; supplier: string; approvedAt: Date | null; dueAt: Date | null };

/** The Stock screen: every ingredient with its cover, and the approved purchase orders not yet received ("delivery expected"). */
export async function stockOverview(db: Db, shopId: string, now = new Date()): Promise<{ rows: StockRow[]; expected: ExpectedDelivery[] }> {
  const [states, approved] = await Promise.all([
    ledgerUsage(db, shopId, now).then((usage) => loadShopStock(db, shopId, usage)),
    db.agentProposal.findMany({ where: { shopId, kind: "purchase_order", status: "APPROVED", doneAt: null }, orderBy: { decidedAt: "asc" } }),
  ]);
  const rows = states.map((s) => ({ ...s, available: available(s), daysOfCover: daysOfCover(s), out: isOut(s), low: needsReorder(s) }));
  const expected = approved.map((p) => {
    const line = p.payload as { ingredientId: string; name: string; unit: IngredientState["unit"]; quantity: number; supplier: string; leadTimeDays: number };
    return { proposalId: p.id, title: p.title, ingredientId: line.ingredientId, name: line.name, unit: line.unit, quantity: line.quantity, supplier: line.supplier, approvedAt: p.decidedAt, dueAt: p.decidedAt ? new Date(p.decidedAt.getTime() + line.leadTimeDays * 86_400_000) : null };
  });
  return { rows, expected };
}
