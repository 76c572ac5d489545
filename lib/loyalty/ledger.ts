import { DomainError } from "@/lib/errors";
import type { Db, Prisma } from "@/lib/db";
import { BEANS_PER_ORDER, EARNED, FREE_DRINK_BEANS, REDEEMED, RETURNED } from "./rules";

/**
 * Loyalty beans: an append-only ledger per customer. Every entry stores the balance after it; a
 * per-customer advisory lock serialises writers, and a database trigger (balance >= 0) makes a
 * negative balance impossible even for a writer that skipped the rules. Beans are earned once per
 * paid order of a signed-in customer (crypto: when the invoice settles; pay at pickup: when the
 * order is collected), spent on a free drink in the transaction that places the order, and given
 * back once if that order is cancelled. Entries naming an order are unique per order and reason,
 * so redelivered events never count twice.
 */

type Tx = Prisma.TransactionClient;

async function lockAndBalance(tx: Tx, userId: string): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`loyalty:${userId}`}))`;
  const last = await tx.loyaltyEntry.findFirst({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { balance: true } });
  return last?.balance ?? 0;
}

/** Credits the order's beans once (inside the caller's transaction); false when already credited. */
export async function earnForOrder(tx: Tx, userId: string, orderId: string, beans = BEANS_PER_ORDER): Promise<boolean> {
  const balance = await lockAndBalance(tx, userId);
  const existing = await tx.loyaltyEntry.findUnique({ where: { orderId_reason: { orderId, reason: EARNED } }, select: { id: true } });
  if (existing) return false;
  await tx.loyaltyEntry.create({ data: { userId, orderId, beans, balance: balance + beans, reason: EARNED } });
  return true;
}

/**
 * Spends beans on the free drink of an order being placed (inside the caller's transaction, so an
 * order that is not written spends nothing); refuses with a sentence when the balance is short.
 */
export async function redeemFreeDrink(tx: Tx, userId: string, orderId: string, beans = FREE_DRINK_BEANS): Promise<{ balance: number }> {
  const balance = await lockAndBalance(tx, userId);
  if (balance < beans) throw new DomainError("conflict", `You have ${balance} beans; a free drink takes ${beans}.`);
  await tx.loyaltyEntry.create({ data: { userId, orderId, beans: -beans, balance: balance - beans, reason: REDEEMED } });
  return { balance: balance - beans };
}

/** Gives back the beans a cancelled order spent, once; false when it spent none or got them back already. */
export async function returnFreeDrink(tx: Tx, orderId: string): Promise<boolean> {
  const spent = await tx.loyaltyEntry.findUnique({ where: { orderId_reason: { orderId, reason: REDEEMED } }, select: { userId: true, beans: true } });
  if (!spent) return false;
  const balance = await lockAndBalance(tx, spent.userId);
  const inserted = await tx.loyaltyEntry.createMany({ data: [{ userId: spent.userId, orderId, beans: -spent.beans, balance: balance - spent.beans, reason: RETURNED }], skipDuplicates: true });
  return inserted.count === 1;
}

export type BeanEntry = { id: string; beans: number; balance: number; reason: string; orderId: string | null; createdAt: Date };

/** The latest entries, newest first (what the customer's account page lists). */
export async function beanHistory(db: Db, userId: string, take = 10): Promise<BeanEntry[]> {
  return db.loyaltyEntry.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: { id: true, beans: true, balance: true, reason: true, orderId: true, createdAt: true } });
}

export async function beanBalance(db: Db, userId: string): Promise<number> {
  const last = await db.loyaltyEntry.findFirst({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { balance: true } });
  return last?.balance ?? 0;
}
