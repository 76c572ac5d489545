"use client";

import dynamic from "next/dynamic";
import type { CryptoPaymentProps } from "./crypto-payment-props";

/**
 * The crypto payment step. The wallet stack (wagmi, RainbowKit) is fetched only here, in the
 * browser: like the sign-in page's EthereumSignIn, the wallet modules are imported only inside this
 * `dynamic(..., { ssr: false })` (any other import() puts them in the server build).
 */
export const CryptoPaymentLoader = dynamic<CryptoPaymentProps>(() => import("./crypto-payment").then((m) => m.CryptoPayment), {
  ssr: false,
  loading: () => (
    <div role="status" className="flex flex-col items-center gap-3 py-24 text-center">
      <span aria-hidden className="size-8 animate-spin rounded-full border-3 border-espresso/15 border-t-espresso" />
      <p className="text-lg font-semibold">Loading the wallet payment…</p>
    </div>
  ),
});
