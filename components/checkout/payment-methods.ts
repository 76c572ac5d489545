/**
 * How a customer can pay. CRYPTO places the order, then the checkout page shows its payment step
 * (wallet, chain, token, invoice); see <PaymentStep> in checkout-form.tsx and crypto-payment.tsx.
 */
export type PaymentMethodId = "PAY_AT_PICKUP" | "CRYPTO";

export type PaymentMethod = { id: PaymentMethodId; label: string; description: string; available: boolean };

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { id: "PAY_AT_PICKUP", label: "Pay at pickup", description: "Pay at the counter when you collect your order.", available: true },
  { id: "CRYPTO", label: "Crypto wallet", description: "ETH, USDC or USDT from your own wallet.", available: true },
];
