import { describe, expect, it } from "vitest";
import { refundViewOf, type RefundFacts } from "./refund-view";

const PAYER = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
const SHOP = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";
const settled: NonNullable<RefundFacts["invoice"]> = {
  status: "SETTLED",
  chainId: 31337,
  token: "ETH",
  tokenAddress: null,
  decimals: 18,
  payTo: SHOP,
  amountPaid: "2100000000000000",
  refundTxHash: null,
  payers: [PAYER],
};
const crypto = (status: RefundFacts["status"], invoice: RefundFacts["invoice"] = settled): RefundFacts => ({ status, paymentMethod: "CRYPTO", invoice });

describe("refundViewOf", () => {
  it("offers nothing on an order that is not cancelled", () => {
    expect(refundViewOf(crypto("QUEUED"))).toEqual({ kind: "not-cancelled" });
  });

  it("says no money was taken for pay at pickup, and for a crypto order never paid", () => {
    expect(refundViewOf({ status: "CANCELLED", paymentMethod: "PAY_AT_PICKUP", invoice: null })).toEqual({ kind: "no-money" });
    expect(refundViewOf(crypto("CANCELLED", null))).toEqual({ kind: "no-money" });
    expect(refundViewOf(crypto("CANCELLED", { ...settled, payers: [], amountPaid: "0" }))).toEqual({ kind: "no-money" });
  });

  it("refunds a settled single-payer payment: from the shop's wallet to the payer, the amount paid", () => {
    expect(refundViewOf(crypto("CANCELLED"))).toEqual({
      kind: "refundable",
      target: {
        chainId: 31337,
        chainName: "Anvil",
        from: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
        to: "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
        token: "ETH",
        tokenAddress: null,
        decimals: 18,
        amount: "2100000000000000",
        display: "0.0021 ETH",
      },
    });
    const usdc = refundViewOf(crypto("CANCELLED", { ...settled, token: "USDC", tokenAddress: "0x5fbdb2315678afecb367f032d93f642f64180aa3", decimals: 6, amountPaid: "6540000" }));
    expect(usdc).toMatchObject({ kind: "refundable", target: { tokenAddress: "0x5FbDB2315678afecb367f032d93F642f64180aa3", display: "6.54 USDC" } });
  });

  it("waits for a payment still confirming, and leaves several payers to a refund by hand", () => {
    expect(refundViewOf(crypto("CANCELLED", { ...settled, status: "PROCESSING" }))).toEqual({ kind: "confirming" });
    expect(refundViewOf(crypto("CANCELLED", { ...settled, payers: [PAYER, SHOP] }))).toMatchObject({ kind: "by-hand" });
    // The same payer twice is one payer.
    expect(refundViewOf(crypto("CANCELLED", { ...settled, payers: [PAYER, PAYER.toUpperCase().replace("0X", "0x")] }))).toMatchObject({ kind: "refundable" });
  });

  it("shows a refund under way and a refund done with its transaction", () => {
    expect(refundViewOf(crypto("REFUNDING", { ...settled, refundTxHash: "0xabc" }))).toEqual({ kind: "sending", txHash: "0xabc" });
    expect(refundViewOf(crypto("REFUNDED", { ...settled, status: "REFUNDED", refundTxHash: "0xabc" }))).toEqual({ kind: "refunded", txHash: "0xabc", explorerTxBase: null, display: "0.0021 ETH" });
  });
});
