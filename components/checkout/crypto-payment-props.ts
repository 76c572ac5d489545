import type { WalletSettings } from "@/lib/wallet/settings";

/**
 * What the crypto payment step needs, in a module of its own: the loader (crypto-payment-loader.tsx)
 * and the step it loads (crypto-payment.tsx) both use it without importing each other.
 */
export type CryptoPaymentProps = {
  order: { id: string; trackingToken: string | null; totalCents: number; currency: string };
  shopSlug: string;
  settings: WalletSettings;
};
