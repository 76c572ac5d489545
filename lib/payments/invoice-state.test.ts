import { describe, expect, it } from "vitest";
import { CONFIRMATION_WINDOW_MS, deriveInvoice, type InvoiceFacts, type PaymentFact } from "./invoice-state";

const EXPIRES = new Date("2026-11-25T12:15:00Z");
const BEFORE = new Date("2026-11-25T12:05:00Z");
const AFTER = new Date("2026-11-25T12:20:00Z");
const invoice = (payments: PaymentFact[], overrides: Partial<InvoiceFacts> = {}): InvoiceFacts => ({ status: "NEW", amountDue: 100n, expiresAt: EXPIRES, fastLane: false, payments, ...overrides });
const seen = (amount: bigint, late = false): PaymentFact => ({ amount, status: "SEEN", late });
const confirmed = (amount: bigint, late = false): PaymentFact => ({ amount, status: "CONFIRMED", late });

describe("deriveInvoice", () => {
  it("NEW until paid; PROCESSING when seen in full; SETTLED when confirmed", () => {
    expect(deriveInvoice(invoice([]), BEFORE)).toEqual({ status: "NEW", exception: null, amountPaid: 0n, amountConfirmed: 0n, remaining: 100n, release: false });
    expect(deriveInvoice(invoice([seen(100n)]), BEFORE)).toMatchObject({ status: "PROCESSING", exception: null, release: false });
    expect(deriveInvoice(invoice([confirmed(100n)]), BEFORE)).toMatchObject({ status: "SETTLED", amountConfirmed: 100n, release: true });
  });

  it("flags a partial payment and asks for the rest; two payments add up", () => {
    expect(deriveInvoice(invoice([seen(60n)]), BEFORE)).toMatchObject({ status: "NEW", exception: "PARTIAL", remaining: 40n });
    expect(deriveInvoice(invoice([confirmed(60n), seen(40n)]), BEFORE)).toMatchObject({ status: "PROCESSING", exception: null, remaining: 0n });
    expect(deriveInvoice(invoice([confirmed(60n), confirmed(40n)]), BEFORE)).toMatchObject({ status: "SETTLED" });
  });

  it("flags overpayment and still settles", () => {
    expect(deriveInvoice(invoice([confirmed(150n)]), BEFORE)).toMatchObject({ status: "SETTLED", exception: "OVERPAID", amountPaid: 150n, remaining: 0n });
  });

  it("expires unpaid or partly paid invoices; a payment mined in time but read later still counts", () => {
    expect(deriveInvoice(invoice([]), AFTER).status).toBe("EXPIRED");
    expect(deriveInvoice(invoice([seen(60n)]), AFTER)).toMatchObject({ status: "EXPIRED", exception: "PARTIAL" });
    expect(deriveInvoice(invoice([seen(100n)], { status: "EXPIRED" }), AFTER).status).toBe("PROCESSING");
  });

  it("records late payments without counting them", () => {
    expect(deriveInvoice(invoice([confirmed(100n, true)], { status: "EXPIRED" }), AFTER)).toMatchObject({ status: "EXPIRED", exception: "LATE", amountPaid: 0n, release: false });
  });

  it("ignores undone (reorganised) and mismatched payments", () => {
    const undone: PaymentFact = { amount: 100n, status: "UNDONE", late: false };
    const mismatched: PaymentFact = { amount: 100n, status: "MISMATCHED", late: false };
    expect(deriveInvoice(invoice([undone, mismatched]), BEFORE)).toMatchObject({ status: "NEW", amountPaid: 0n, release: false });
    expect(deriveInvoice(invoice([undone], { status: "PROCESSING" }), BEFORE).status).toBe("NEW");
  });

  it("INVALID when a payment seen in full vanishes after expiry, or never confirms within the window", () => {
    expect(deriveInvoice(invoice([{ amount: 100n, status: "UNDONE", late: false }], { status: "PROCESSING" }), AFTER).status).toBe("INVALID");
    const wayAfter = new Date(EXPIRES.getTime() + CONFIRMATION_WINDOW_MS + 1);
    expect(deriveInvoice(invoice([seen(100n)], { status: "PROCESSING" }), wayAfter).status).toBe("INVALID");
  });

  it("a SETTLED invoice whose payment a reorg undoes is no longer settled: NEW before the deadline, INVALID after, PROCESSING when mined again", () => {
    const undone: PaymentFact = { amount: 100n, status: "UNDONE", late: false };
    expect(deriveInvoice(invoice([undone], { status: "SETTLED" }), BEFORE)).toMatchObject({ status: "NEW", amountPaid: 0n, release: false });
    expect(deriveInvoice(invoice([undone], { status: "SETTLED" }), AFTER).status).toBe("INVALID");
    // Mined again in another block: confirming again, even past the confirmation window (it confirmed once).
    const wayAfter = new Date(EXPIRES.getTime() + CONFIRMATION_WINDOW_MS + 1);
    expect(deriveInvoice(invoice([seen(100n)], { status: "SETTLED" }), wayAfter)).toMatchObject({ status: "PROCESSING", release: false });
    expect(deriveInvoice(invoice([confirmed(100n)], { status: "SETTLED" }), wayAfter).status).toBe("SETTLED");
    // Part of it undone: no longer covered.
    expect(deriveInvoice(invoice([confirmed(60n), { ...undone, amount: 40n }], { status: "SETTLED" }), BEFORE)).toMatchObject({ status: "NEW", exception: "PARTIAL" });
  });

  it("keeps final states", () => {
    expect(deriveInvoice(invoice([{ amount: 100n, status: "UNDONE", late: false }], { status: "REFUNDED" }), AFTER).status).toBe("REFUNDED");
    expect(deriveInvoice(invoice([confirmed(100n)], { status: "REFUNDED" }), AFTER).status).toBe("REFUNDED");
    expect(deriveInvoice(invoice([confirmed(100n)], { status: "INVALID" }), AFTER).status).toBe("INVALID");
  });

  it("fast lane releases once the payment is seen; otherwise only when settled", () => {
    expect(deriveInvoice(invoice([seen(100n)], { fastLane: true }), BEFORE)).toMatchObject({ status: "PROCESSING", release: true });
    expect(deriveInvoice(invoice([seen(60n)], { fastLane: true }), BEFORE).release).toBe(false);
    expect(deriveInvoice(invoice([seen(100n)], { fastLane: false }), BEFORE).release).toBe(false);
  });
});
