/**
 * How a customer can pay. This list is the seam for the crypto checkout: when it lands, CRYPTO
 * becomes available here and CheckoutForm renders its step (wallet, chain, token, invoice) in
 * place of the "Place order" button; see <PaymentStep> in checkout-form.tsx.
 */
export type PaymentMethodId = "PAY_AT_PICKUP" | "CRYPTO";

export type PaymentMethod = { id: PaymentMethodId; label: string; description: string; available: boolean };

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { id: "PAY_AT_PICKUP", label: "Pay at pickup", description: "Pay at the counter when you collect your order.", available: true },
  { id: "CRYPTO", label: "Crypto wallet (coming soon)", description: "ETH, USDC or USDT from your own wallet.", available: false },
];
