import { formatUnits } from "viem";
import { formatMoney } from "@/lib/ui/money";
import { escapeHtml, htmlDocument } from "./html";
import type { Mail } from "./mailer";

/**
 * The receipt a customer gets when they collect an order (lib/integrations/email/receipts.ts
 * decides who and when). Pure: the facts in, the mail out, so tests read exactly what people get.
 * Money stays integer cents until it is formatted here; token amounts stay base units (a decimal
 * string) until `formatUnits`.
 */

export type ReceiptItem = { name: string; quantity: number; options: string[]; lineTotalCents: number; notes: string | null };

export type ReceiptPayment =
  | { method: "PAY_AT_PICKUP" }
  | {
      method: "CRYPTO";
      chainName: string;
      token: string;
      /** Base units, as a decimal string. */
      amount: string;
      decimals: number;
      /** The payments' transactions, each with its explorer link when the chain has a public explorer (a local chain has none). */
      transactions: { hash: string; url: string | null }[];
    };

export type ReceiptFacts = {
  to: string;
  customerName: string;
  shopName: string;
  shopAddress: string;
  timezone: string;
  pickupCode: string;
  collectedAt: Date;
  currency: string;
  items: ReceiptItem[];
  subtotalCents: number;
  /** Loyalty: a free drink paid with beans, taken off before tax. */
  discountCents: number;
  taxCents: number;
  tipCents: number;
  totalCents: number;
  payment: ReceiptPayment;
  orderUrl: string;
  /** The account page (receipts on/off there too); null for a guest, who asked for this one at checkout. */
  accountUrl: string | null;
  /** Turns receipts off without signing in: the page (a button), and the one-click address mail providers POST to (RFC 8058). */
  stopUrl: string;
  oneClickStopUrl: string;
};

export function tokenAmount(amount: string, decimals: number, token: string): string {
  return `${formatUnits(BigInt(amount), decimals)} ${token}`;
}

function when(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: timezone }).format(at);
}

/** The lines of the receipt's sums, in order; zero discounts and tips are left out. */
export function receiptTotals(f: ReceiptFacts): { label: string; cents: number }[] {
  return [
    { label: "Subtotal", cents: f.subtotalCents },
    ...(f.discountCents > 0 ? [{ label: "Free drink (loyalty beans)", cents: -f.discountCents }] : []),
    { label: "Tax", cents: f.taxCents },
    ...(f.tipCents > 0 ? [{ label: "Tip", cents: f.tipCents }] : []),
    { label: "Total", cents: f.totalCents },
  ];
}

function paymentLines(p: ReceiptPayment): string[] {
  if (p.method === "PAY_AT_PICKUP") return ["Paid at the counter when you picked up."];
  return [
    `Paid in crypto: ${tokenAmount(p.amount, p.decimals, p.token)} on ${p.chainName}.`,
    ...p.transactions.map((t) => (t.url ? `Transaction: ${t.url}` : `Transaction ${t.hash} (a local chain with no public explorer)`)),
  ];
}

const money = (cents: number, currency: string) => (cents < 0 ? `−${formatMoney(-cents, currency)}` : formatMoney(cents, currency));
const row = (left: string, right: string, width = 44) => `${left}${" ".repeat(Math.max(2, width - left.length - right.length))}${right}`;

export function receiptMail(f: ReceiptFacts): Mail {
  const total = formatMoney(f.totalCents, f.currency);
  const text = [
    `Thank you, ${f.customerName}. Here is your receipt from ${f.shopName}.`,
    "",
    `Order ${f.pickupCode}, collected ${when(f.collectedAt, f.timezone)}`,
    `${f.shopName}, ${f.shopAddress}`,
    "",
    ...f.items.flatMap((i) => [
      row(`${i.quantity} × ${i.name}`, money(i.lineTotalCents, f.currency)),
      ...(i.options.length ? [`    ${i.options.join(", ")}`] : []),
      ...(i.notes ? [`    Note: ${i.notes}`] : []),
    ]),
    "",
    ...receiptTotals(f).map((t) => row(t.label, money(t.cents, f.currency))),
    "",
    ...paymentLines(f.payment),
    "",
    `Your order: ${f.orderUrl}`,
    ...(f.accountUrl
      ? [`You get a receipt for every order you collect. Stop receipt emails: ${f.stopUrl}`, `(or on your account page: ${f.accountUrl})`]
      : [`You asked for this receipt when you ordered. Stop receipt emails to this address: ${f.stopUrl}`]),
  ].join("\n");

  const cell = (s: string, right = false) => `<td style="padding:4px 0;${right ? "text-align:right;white-space:nowrap" : ""}">${s}</td>`;
  const items = f.items
    .map((i) => {
      const detail = [...i.options, ...(i.notes ? [`Note: ${i.notes}`] : [])];
      return `<tr>${cell(`${i.quantity} × ${escapeHtml(i.name)}${detail.length ? `<br><small style="color:#6b5a50">${escapeHtml(detail.join(", "))}</small>` : ""}`)}${cell(escapeHtml(money(i.lineTotalCents, f.currency)), true)}</tr>`;
    })
    .join("");
  const sums = receiptTotals(f)
    .map((t) => {
      const strong = t.label === "Total";
      const label = strong ? `<strong>${t.label}</strong>` : escapeHtml(t.label);
      const value = strong ? `<strong>${escapeHtml(money(t.cents, f.currency))}</strong>` : escapeHtml(money(t.cents, f.currency));
      return `<tr>${cell(label)}${cell(value, true)}</tr>`;
    })
    .join("");
  const payment = f.payment.method === "PAY_AT_PICKUP" ? `<p>Paid at the counter when you picked up.</p>` : cryptoHtml(f.payment);
  const html = htmlDocument(
    `Your receipt from ${f.shopName}`,
    `<p>Thank you, ${escapeHtml(f.customerName)}. Here is your receipt from <strong>${escapeHtml(f.shopName)}</strong>.</p>
<p>Order <strong>${escapeHtml(f.pickupCode)}</strong>, collected ${escapeHtml(when(f.collectedAt, f.timezone))}<br>${escapeHtml(f.shopAddress)}</p>
<table style="width:100%;border-collapse:collapse">${items}<tr><td colspan="2"><hr style="border:0;border-top:1px solid #ddd"></td></tr>${sums}</table>
${payment}
<p><a href="${escapeHtml(f.orderUrl)}">Your order</a></p>
<p style="color:#6b5a50;font-size:12px">${
      f.accountUrl
        ? `You get a receipt for every order you collect. <a href="${escapeHtml(f.stopUrl)}">Stop receipt emails</a> (or on <a href="${escapeHtml(f.accountUrl)}">your account page</a>).`
        : `You asked for this receipt when you ordered. <a href="${escapeHtml(f.stopUrl)}">Stop receipt emails to this address</a>.`
    }</p>`,
  );

  return {
    to: f.to,
    subject: `Your receipt from ${f.shopName}: order ${f.pickupCode}, ${total}`,
    text,
    html,
    // Mail providers show their own "Unsubscribe" and POST here (RFC 2369, RFC 8058 one-click).
    headers: { "List-Unsubscribe": `<${f.oneClickStopUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

function cryptoHtml(p: Extract<ReceiptPayment, { method: "CRYPTO" }>): string {
  const txs = p.transactions
    .map((t) => (t.url ? `<br>Transaction: <a href="${escapeHtml(t.url)}">${escapeHtml(t.hash)}</a>` : `<br>Transaction <code>${escapeHtml(t.hash)}</code> (a local chain with no public explorer)`))
    .join("");
  return `<p>Paid in crypto: <strong>${escapeHtml(tokenAmount(p.amount, p.decimals, p.token))}</strong> on ${escapeHtml(p.chainName)}.${txs}</p>`;
}
