"use client";

import dynamic from "next/dynamic";
import type { RefundPanelProps } from "./refund-shared";

/**
 * The refund panel. The wallet stack (wagmi, RainbowKit) is fetched only here, in the browser, on
 * the manager's order page of a refundable order (as the checkout's CryptoPaymentLoader does).
 */
export const RefundLoader = dynamic<RefundPanelProps>(() => import("./refund-panel").then((m) => m.RefundPanel), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm">
      Loading the wallet…
    </p>
  ),
});
