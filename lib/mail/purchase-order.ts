import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The purchase order a supplier gets when a shop's manager approves one (lib/inventory/
 * purchase-order-mail.ts decides when). Pure: the facts in, the mail out. Quantities arrive
 * already formatted in the ingredient's unit ("24 L"), so the supplier reads what the manager read.
 */

export type PurchaseOrderMailInput = {
  to: string;
  supplier: string;
  shopName: string;
  shopAddress: string;
  /** The proposal's id: the supplier's reference for this order. */
  reference: string;
  item: string;
  quantity: string;
  packs: number;
  packSize: string;
  approvedAt: Date;
  approvedBy: string;
  deliverBy: Date;
  timezone: string;
};

function day(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: timezone }).format(at);
}

export function purchaseOrderMail(p: PurchaseOrderMailInput): Mail {
  const ref = p.reference.slice(0, 8).toUpperCase();
  const subject = `Purchase order ${ref} from ${p.shopName}: ${p.quantity} ${p.item}`;
  const text = [
    `Hello ${p.supplier},`,
    "",
    `${p.shopName} orders:`,
    `  ${p.quantity} ${p.item} (${p.packs} × ${p.packSize})`,
    "",
    `Deliver to: ${p.shopName}, ${p.shopAddress}`,
    `Wanted by: ${day(p.deliverBy, p.timezone)} (your lead time from today)`,
    `Reference: ${ref}`,
    "",
    `Approved by ${p.approvedBy} on ${day(p.approvedAt, p.timezone)}. Please reply to confirm or if you cannot deliver it in time.`,
  ].join("\n");
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(p.supplier)},</p>
<p><strong>${escapeHtml(p.shopName)}</strong> orders:</p>
<p style="font-size:18px"><strong>${escapeHtml(`${p.quantity} ${p.item}`)}</strong> (${escapeHtml(`${p.packs} × ${p.packSize}`)})</p>
<p>Deliver to: ${escapeHtml(`${p.shopName}, ${p.shopAddress}`)}<br>Wanted by: ${escapeHtml(day(p.deliverBy, p.timezone))}<br>Reference: ${escapeHtml(ref)}</p>
<p style="color:#6b5a50">Approved by ${escapeHtml(p.approvedBy)} on ${escapeHtml(day(p.approvedAt, p.timezone))}. Please reply to confirm or if you cannot deliver it in time.</p>`,
  );
  return { to: p.to, subject, text, html };
}
