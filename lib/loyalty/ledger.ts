import { DomainError } from "@/lib/actions/result";
import type { Db, Prisma } from "@/lib/db";

/**
 * Loyalty beans: an append-only ledger per customer. Every entry stores the balance after it; a
 * per-customer advisory lock serialises writers, and a database trigger (balance >= 0) makes a
 * negative balance impossible even for a writer that skipped the rules. Beans are earned once per
 * settled crypto order (unique per order and reason) and redeemed for a free drink.
 */

export const BEANS_PER_ORDER = 10;
export const FREE_DRINK_BEANS = 100;

type Tx = Prisma.TransactionClient;

async function lockAndBalance(tx: Tx, userId: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`loyalty:${userId}`}))`;
  const last = await tx.loyaltyEntry.findFirst({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { balance: true } });
  return last?.balance ?? 0;
}

/** Credits the order's beans once (inside the caller's transaction); false when already credited. */
export async function earnForOrder(tx: Tx, userId: string, orderId: string, beans = BEANS_PER_ORDER): Promise<boolean> {
  const balance = await lockAndBalance(tx, userId);
  const existing = await tx.loyaltyEntry.findUnique({ where: { orderId_reason: { orderId, reason: "order" } }, select: { id: true } });
  if (existing) return false;
  await tx.loyaltyEntry.create({ data: { userId, orderId, beans, balance: balance + beans, reason: "order" } });
  return true;
}

/** Spends beans for a free drink; refuses with a sentence when the balance is short. */
export async function redeemFreeDrink(db: Db, userId: string, beans = FREE_DRINK_BEANS): Promise<{ balance: number }> {
  return db.$transaction(async (tx) => {
    const balance = await lockAndBalance(tx, userId);
    if (balance < beans) throw new DomainError("conflict", `You have ${balance} beans; a free drink takes ${beans}.`);
    await tx.loyaltyEntry.create({ data: { userId, beans: -beans, balance: balance - beans, reason: "free drink" } });
    return { balance: balance - beans };
  });
}

export async function beanBalance(db: Db, userId: string): Promise<number> {
  const last = await db.loyaltyEntry.findFirst({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { balance: true } });
  return last?.balance ?? 0;
}
