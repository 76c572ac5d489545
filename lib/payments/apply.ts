import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { Prisma } from "@/lib/db";
import { earnForOrder } from "@/lib/loyalty/ledger";
import { lockOrder, transitionOrder } from "@/lib/orders/transition";
import { deriveInvoice, type DerivedInvoice } from "./invoice-state";

/**
 * Re-derives one invoice from its payments inside the caller's transaction and applies the result:
 * new status and amounts, an invoice.status_changed event when something changed, and, the first
 * time the invoice allows it (SETTLED, or PROCESSING on the fast lane), the order's release
 * PENDING_PAYMENT → PLACED, whose order.status_changed event sends it to the order processor and
 * on into the queue; a signed-in customer earns loyalty beans when it settles. The invoice row is locked, so concurrent refreshes serialise; releasedAt makes
 * the release happen at most once.
 */

export const WATCHER_ACTOR = "system:payment-watcher";

export type RefreshResult = DerivedInvoice & { changed: boolean; released: boolean };

export async function refreshInvoice(tx: Prisma.TransactionClient, invoiceId: string, now = new Date()): Promise<RefreshResult | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM invoices WHERE id = ${invoiceId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { payments: { select: { amount: true, status: true, late: true } } } });
  const derived = deriveInvoice(
    {
      status: invoice.status,
      amountDue: BigInt(invoice.amountDue.toFixed()),
      expiresAt: invoice.expiresAt,
      fastLane: invoice.fastLane,
      payments: invoice.payments.map((p) => ({ amount: BigInt(p.amount.toFixed()), status: p.status, late: p.late })),
    },
    now,
  );

  let released = false;
  if (derived.release && !invoice.releasedAt) {
    const order = await lockOrder(tx, invoice.orderId);
    if (order?.status === "PENDING_PAYMENT") {
      const reason = derived.status === "SETTLED" ? "Payment settled" : "Payment seen (fast lane)";
      await transitionOrder(tx, order, "PLACED", { actor: "system", actorId: WATCHER_ACTOR, reason, now });
      released = true;
    }
    // An order cancelled meanwhile is not released; the settled money is the manager's to refund.
  }

  // Loyalty beans for a signed-in customer, once, when the payment first settles.
  if (derived.status === "SETTLED" && !invoice.settledAt) {
    const owner = await tx.order.findUnique({ where: { id: invoice.orderId }, select: { userId: true } });
    if (owner?.userId) await earnForOrder(tx, owner.userId, invoice.orderId);
  }

  const changed =
    derived.status !== invoice.status ||
    derived.exception !== invoice.exception ||
    derived.amountPaid.toString() !== invoice.amountPaid.toFixed() ||
    derived.amountConfirmed.toString() !== invoice.amountConfirmed.toFixed();
  if (changed || released) {
    await tx.invoice.update({
      where: { id: invoiceId },
      data: {
        status: derived.status,
        exception: derived.exception,
        amountPaid: new Prisma.Decimal(derived.amountPaid.toString()),
        amountConfirmed: new Prisma.Decimal(derived.amountConfirmed.toString()),
        ...(derived.status === "SETTLED" && !invoice.settledAt ? { settledAt: now } : {}),
        ...(released ? { releasedAt: now } : {}),
        version: { increment: 1 },
      },
    });
  }
  if (invoice.releasedAt && derived.status !== invoice.status) {
    // The order is on the barista queue already (fast lane): a new version makes live tickets
    // re-read it, so "confirming" turns "paid", or an undone payment shows before the drink leaves.
    await tx.order.update({ where: { id: invoice.orderId }, data: { version: { increment: 1 } } });
  }
  if (derived.status !== invoice.status || derived.exception !== invoice.exception) {
    await enqueueEvents(tx, [
      createEvent(
        "invoice.status_changed",
        invoice.orderId,
        {
          invoiceId,
          orderId: invoice.orderId,
          shopId: invoice.shopId,
          from: invoice.status,
          to: derived.status,
          exception: derived.exception,
          chainId: invoice.chainId,
          token: invoice.token,
          amountDue: invoice.amountDue.toFixed(),
          amountPaid: derived.amountPaid.toString(),
          released: released || invoice.releasedAt !== null,
        },
        now,
      ),
    ]);
  }
  return { ...derived, changed, released };
}
