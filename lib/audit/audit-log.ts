import type { Db, Prisma } from "@/lib/db";

/**
 * The audit log: one entry for every change made through the manager screens, written in the
 * same transaction as the change itself, so an entry exists exactly when the change does.
 */

type Tx = Prisma.TransactionClient;

export type AuditActor = { id: string; email: string };

export type AuditInput = {
  shopId: string | null;
  actor: AuditActor;
  /** Dotted name of what happened, e.g. "menu.product.updated". */
  action: string;
  /** What was changed, e.g. "product:<id>". */
  target: string;
  /** One sentence for people: "Latte price $4.50 → $4.75". */
  summary: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      shopId: entry.shopId,
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      target: entry.target,
      summary: entry.summary,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}

export type AuditEntryView = {
  id: string;
  at: string;
  actorEmail: string;
  action: string;
  target: string;
  summary: string;
  before: unknown;
  after: unknown;
};

const PAGE = 50;

/** A shop's entries, newest first, `PAGE` at a time; pass the last entry's id to get the next page. */
export async function listAuditEntries(db: Db, shopId: string, after?: string): Promise<{ entries: AuditEntryView[]; next: string | null }> {
  const rows = await db.auditEntry.findMany({
    where: { shopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const page = rows.slice(0, PAGE);
  return {
    entries: page.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), actorEmail: r.actorEmail, action: r.action, target: r.target, summary: r.summary, before: r.before, after: r.after })),
    next: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}
