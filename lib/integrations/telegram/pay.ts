import QRCode from "qrcode";
import { paymentChain } from "@/lib/chain/config";
import type { InvoiceView } from "@/lib/payments/invoices";

/**
 * Paying in crypto from the bot: the chat chooses a token, the order is placed as CRYPTO and its
 * invoice created by the same lib/payments code the web's payment step calls (the worker passes
 * createInvoiceForOrder). The bot answers with what to pay, the EIP-681 URIs a phone wallet opens,
 * a QR image of the pay URI, and the order's web payment step (its tracking link), where a browser
 * wallet pays it with the approve step done for it. notify.ts reports PROCESSING / SETTLED.
 */

export type PaymentChoice = { chainId: number; token: string; label: string };

export type BotPayments = {
  choices: readonly PaymentChoice[];
  createInvoice(orderId: string, input: { chainId: number; token: string }): Promise<{ invoice: InvoiceView }>;
};

/** Every token of every chain this deployment takes payments on, as button labels. */
export function paymentChoices(enabledChains: readonly number[]): PaymentChoice[] {
  return enabledChains.flatMap((chainId) => {
    const chain = paymentChain(chainId);
    return chain ? chain.tokens.map((t) => ({ chainId, token: t.symbol, label: `Pay with ${t.symbol} on ${chain.chain.name}` })) : [];
  });
}

export function invoiceMessage(invoice: InvoiceView, pickupCode: string, webLink: string): string {
  const minutes = Math.max(1, Math.round(invoice.secondsLeft / 60));
  const lines = [
    `Order placed. Pay ${invoice.display.remaining} on ${invoice.chainName} within ${minutes} minutes (${invoice.display.rate}).`,
    `Your pickup code: ${pickupCode}`,
    `Pay in the browser with your wallet: ${webLink}`,
  ];
  if (invoice.payWith) {
    if (invoice.payWith.approve) lines.push(`Or with a phone wallet: first allow the payment router to take the amount: ${invoice.payWith.approve}`, `then pay (the QR code below): ${invoice.payWith.pay}`);
    else lines.push(`Or with a phone wallet, scan the QR code below or open: ${invoice.payWith.pay}`);
  }
  lines.push("I will tell you when the payment is seen and when it is settled.");
  return lines.join("\n");
}

/** A PNG QR of a pay URI or pickup payload for a scanner (error correction M: survives a phone camera). */
export function paymentQrPng(uri: string): Promise<Buffer> {
  return QRCode.toBuffer(uri, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 });
}
