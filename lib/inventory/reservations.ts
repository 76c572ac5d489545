import type { Prisma } from "@/lib/db";
import type { Requirement } from "./requirements";

/**
 * Stock reservations, inside the caller's transaction. The ledger's unique
 * (order, ingredient, kind) makes each step happen once per order, however often it is retried.
 * Stock rows are locked in (shop, ingredient) order so concurrent orders cannot deadlock.
 */

type Tx = Prisma.TransactionClient;

/** Locks the shops' stock rows for these ingredients (in one fixed order) and returns what is available per shop. */
export async function lockStock(tx: Tx, shopIds: string[], ingredientIds: string[]): Promise<Map<string, Map<string, number>>> {
  const available = new Map<string, Map<string, number>>(shopIds.map((id) => [id, new Map()]));
  if (ingredientIds.length === 0) return available;
  const rows = await tx.$queryRaw<{ shop_id: string; ingredient_id: string; available: number }[]>`
    SELECT shop_id, ingredient_id, on_hand - reserved AS available FROM stock
    WHERE shop_id = ANY(${shopIds}::uuid[]) AND ingredient_id = ANY(${ingredientIds}::uuid[])
    ORDER BY shop_id, ingredient_id FOR UPDATE`;
  for (const r of rows) available.get(r.shop_id)!.set(r.ingredient_id, Number(r.available));
  return available;
}

/**
 * Records the reservations of many orders and adds them to stock, in one statement. The caller has
 * locked the stock rows (lockStock) and checked that they cover every order (lib/orders/process-order.ts).
 */
export async function reserveStockForOrders(tx: Tx, reservations: readonly { shopId: string; orderId: string; needs: Requirement }[]): Promise<void> {
  const rows = reservations.flatMap((r) => [...r.needs].filter(([, quantity]) => quantity > 0).map(([ingredientId, quantity]) => ({ ...r, ingredientId, quantity })));
  if (rows.length === 0) return;
  await tx.$executeRaw`
    WITH recorded AS (
      INSERT INTO stock_movements (id, shop_id, ingredient_id, kind, quantity, order_id)
      SELECT gen_random_uuid(), t.shop_id, t.ingredient_id, 'RESERVE', t.quantity, t.order_id
      FROM unnest(${rows.map((r) => r.shopId)}::uuid[], ${rows.map((r) => r.ingredientId)}::uuid[], ${rows.map((r) => r.quantity)}::int[], ${rows.map((r) => r.orderId)}::uuid[])
        AS t(shop_id, ingredient_id, quantity, order_id)
      ON CONFLICT (order_id, ingredient_id, kind) DO NOTHING
      RETURNING shop_id, ingredient_id, quantity
    ), totals AS (
      -- UPDATE … FROM changes a row once however many source rows match: sum per stock row first.
      SELECT shop_id, ingredient_id, sum(quantity)::int AS quantity FROM recorded GROUP BY shop_id, ingredient_id
    )
    UPDATE stock s SET reserved = s.reserved + totals.quantity, updated_at = now()
    FROM totals WHERE s.shop_id = totals.shop_id AND s.ingredient_id = totals.ingredient_id`;
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
