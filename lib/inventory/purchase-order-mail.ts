import { z } from "zod";
import type { AuditActor } from "@/lib/audit/audit-log";
import type { Prisma } from "@/lib/db";
import { recordEmail } from "@/lib/integrations/email/channel";
import { purchaseOrderMail } from "@/lib/mail/purchase-order";
import { formatQuantity } from "@/lib/agents/inventory/cover";

type Tx = Prisma.TransactionClient;

export const PURCHASE_ORDER_KIND = "purchase_order";
export const PURCHASE_ORDER_MAIL_KIND = "purchase_order.email";

/** The mail's delivery key: one per approved order (the Stock screen finds its state by it). */
export function purchaseOrderMailKey(proposalId: string): string {
  return `${PURCHASE_ORDER_KIND}:${proposalId}`;
}

/** What a purchase order's payload must hold to be mailed (the inventory agent's PurchaseLine). */
const lineSchema = z.object({
  ingredientId: z.uuid(),
  name: z.string().min(1),
  unit: z.enum(["GRAM", "MILLILITER", "PIECE"]),
  quantity: z.number().int().positive(),
  packSize: z.number().int().positive(),
  leadTimeDays: z.number().int().nonnegative(),
});

/**
 * An approved purchase order goes to its supplier: when the shop's supplier settings have an email
 * address, the order is recorded as a mail on the delivery engine's mail channel in the approval's
 * transaction (key `purchase_order:<proposal id>`: approved once, mailed once; the integrations
 * worker sends it with retries and the delivery log). Without an address nothing is mailed and the
 * Stock screen says to order by phone; nor is a proposal whose payload is not a whole order line.
 * Returns the address it went to, or null.
 */
export async function mailApprovedPurchaseOrder(tx: Tx, actor: AuditActor, proposal: { id: string; shopId: string; payload: unknown }, now: Date): Promise<string | null> {
  // A proposal recorded by other means (an older agent, a test) without a whole line is not mailed.
  const parsed = lineSchema.safeParse(proposal.payload);
  if (!parsed.success) return null;
  const line = parsed.data;
  const supplier = await tx.shopSupplier.findUnique({ where: { shopId_ingredientId: { shopId: proposal.shopId, ingredientId: line.ingredientId } }, select: { supplierEmail: true, supplierName: true } });
  if (!supplier?.supplierEmail) return null;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: proposal.shopId }, select: { name: true, addressLine: true, city: true, timezone: true } });
  const approver = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  const mail = purchaseOrderMail({
    to: supplier.supplierEmail,
    supplier: supplier.supplierName,
    shopName: shop.name,
    shopAddress: `${shop.addressLine}, ${shop.city}`,
    reference: proposal.id,
    item: line.name.toLowerCase(),
    quantity: formatQuantity(line.quantity, line.unit),
    packs: line.quantity / line.packSize,
    packSize: formatQuantity(line.packSize, line.unit),
    approvedAt: now,
    approvedBy: approver?.name ?? actor.email,
    deliverBy: new Date(now.getTime() + line.leadTimeDays * 86_400_000),
    timezone: shop.timezone,
  });
  await recordEmail(tx, { key: purchaseOrderMailKey(proposal.id), kind: PURCHASE_ORDER_MAIL_KIND, shopId: proposal.shopId, mail, summary: `Purchase order to ${supplier.supplierName} (${supplier.supplierEmail}): ${mail.subject}` });
  return supplier.supplierEmail;
}
