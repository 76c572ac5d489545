import { describe, expect, it } from "vitest";
import { countdownLabel, paymentState } from "./payment-labels";

const display = { due: "4.5 USDC", paid: "2.5 USDC", remaining: "2 USDC", rate: "1 USDC = $1.00" };
const base = { status: "NEW" as const, exception: null, display, chainName: "Anvil", requiredConfirmations: 2, payWith: { approve: null, pay: "ethereum:…", amount: "2000000", approveResetRequired: false } };

describe("countdownLabel", () => {
  it("shows minutes and zero-padded seconds, never negative", () => {
    expect(countdownLabel(900)).toBe("15:00");
    expect(countdownLabel(61.9)).toBe("1:01");
    expect(countdownLabel(-3)).toBe("0:00");
  });
});

describe("paymentState", () => {
  it("offers to pay the rest of a partial payment while the quote holds", () => {
    expect(paymentState({ ...base, exception: "PARTIAL" }, "PENDING_PAYMENT")).toMatchObject({ badge: "PARTIAL", action: "Pay the rest", detail: "We received 2.5 USDC; 2 USDC is left to pay." });
    expect(paymentState({ ...base, exception: "PARTIAL", payWith: null }, "PENDING_PAYMENT").action).toBeNull();
  });

  it("follows PROCESSING to SETTLED", () => {
    expect(paymentState({ ...base, status: "PROCESSING", payWith: null }, "PENDING_PAYMENT")).toMatchObject({ badge: "PROCESSING", detail: "Your payment of 2.5 USDC is on Anvil; waiting for 2 confirmations.", final: false });
    expect(paymentState({ ...base, status: "SETTLED", payWith: null }, "QUEUED")).toMatchObject({ badge: "SETTLED", final: true });
  });

  it("shows an unpaid expired invoice as EXPIRED with a new price while the order waits", () => {
    expect(paymentState({ ...base, status: "EXPIRED", payWith: null }, "PENDING_PAYMENT")).toMatchObject({ badge: "EXPIRED", action: "Get a new price", final: false });
    expect(paymentState({ ...base, status: "EXPIRED", payWith: null }, "CANCELLED")).toMatchObject({ badge: "EXPIRED", action: null, final: true });
  });

  it("asks for payment when there is no invoice yet", () => {
    expect(paymentState(null, "PENDING_PAYMENT")).toMatchObject({ action: "Pay now", final: false });
  });
});
