import type { Prisma } from "@/lib/db";
import { shortages, type Requirement } from "./requirements";

/**
 * Stock reservations, inside the caller's transaction. The ledger's unique
 * (order, ingredient, kind) makes each step happen once per order, however often it is retried.
 * Stock rows are locked in ingredient order so concurrent orders cannot deadlock.
 */

type Tx = Prisma.TransactionClient;

/** Reserves everything or nothing: returns the ingredient ids that fall short (then nothing changed). */
export async function reserveStock(tx: Tx, shopId: string, orderId: string, needs: Requirement): Promise<{ short: string[] }> {
  const ids = [...needs.keys()].sort();
  if (ids.length === 0) return { short: [] };
  const rows = await tx.$queryRaw<{ ingredient_id: string; available: number }[]>`
    SELECT ingredient_id, on_hand - reserved AS available FROM stock
    WHERE shop_id = ${shopId}::uuid AND ingredient_id = ANY(${ids}::uuid[])
    ORDER BY ingredient_id FOR UPDATE`;
  const short = shortages(needs, new Map(rows.map((r) => [r.ingredient_id, Number(r.available)])));
  if (short.length > 0) return { short };

  const quantities = ids.map((id) => needs.get(id) ?? 0);
  // One statement (the rows are locked already): record the reservation, add it to stock.
  await tx.$executeRaw`
    WITH recorded AS (
      INSERT INTO stock_movements (id, shop_id, ingredient_id, kind, quantity, order_id)
      SELECT gen_random_uuid(), ${shopId}::uuid, t.ingredient_id, 'RESERVE', t.quantity, ${orderId}::uuid
      FROM unnest(${ids}::uuid[], ${quantities}::int[]) AS t(ingredient_id, quantity)
      ON CONFLICT (order_id, ingredient_id, kind) DO NOTHING
      RETURNING ingredient_id, quantity
    )
    UPDATE stock s SET reserved = s.reserved + recorded.quantity, updated_at = now()
    FROM recorded WHERE s.shop_id = ${shopId}::uuid AND s.ingredient_id = recorded.ingredient_id`;
  return { short: [] };
}

/**
 * Ends an order's reservation: RELEASE gives the stock back (cancelled), CONSUME takes it out of
 * stock for good (collected). Does nothing for an order without a reservation.
 */
export async function settleReservation(tx: Tx, shopId: string, orderId: string, kind: "RELEASE" | "CONSUME"): Promise<void> {
  const settled = await tx.$queryRaw<{ ingredient_id: string; quantity: number }[]>`
    INSERT INTO stock_movements (id, shop_id, ingredient_id, kind, quantity, order_id)
    SELECT gen_random_uuid(), shop_id, ingredient_id, ${kind}::"StockMovementKind", quantity, order_id
    FROM stock_movements r WHERE order_id = ${orderId}::uuid AND kind = 'RESERVE'
      -- A reservation ends once: released or consumed, never both (a recalled claim may be cancelled later).
      AND NOT EXISTS (SELECT 1 FROM stock_movements e WHERE e.order_id = r.order_id AND e.ingredient_id = r.ingredient_id AND e.kind IN ('RELEASE', 'CONSUME'))
    ORDER BY ingredient_id
    ON CONFLICT (order_id, ingredient_id, kind) DO NOTHING
    RETURNING ingredient_id, quantity`;
  await applyDelta(tx, shopId, settled, kind === "RELEASE" ? { reserved: -1, onHand: 0 } : { reserved: -1, onHand: -1 });
}

async function applyDelta(tx: Tx, shopId: string, rows: { ingredient_id: string; quantity: number }[], sign: { reserved: number; onHand: number }): Promise<void> {
  if (rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => a.ingredient_id.localeCompare(b.ingredient_id));
  // UPDATE … FROM locks rows in whatever order it scans; take the locks in ingredient order first.
  await tx.$queryRaw`
    SELECT 1 FROM stock WHERE shop_id = ${shopId}::uuid AND ingredient_id = ANY(${sorted.map((r) => r.ingredient_id)}::uuid[])
    ORDER BY ingredient_id FOR UPDATE`;
  await tx.$executeRaw`
    UPDATE stock s SET reserved = s.reserved + ${sign.reserved} * t.quantity, on_hand = s.on_hand + ${sign.onHand} * t.quantity, updated_at = now()
    FROM unnest(${sorted.map((r) => r.ingredient_id)}::uuid[], ${sorted.map((r) => r.quantity)}::int[]) AS t(ingredient_id, quantity)
    WHERE s.shop_id = ${shopId}::uuid AND s.ingredient_id = t.ingredient_id`;
}
