import type { RefundTarget } from "@/lib/payments/refund-view";
import type { WalletSettings } from "@/lib/wallet/settings";

/**
 * What the refund panel and its loader share, without any wallet code (the loader must not pull
 * the wallet stack into the page's own bundle).
 */
export type RefundPanelProps = {
  orderId: string;
  target: RefundTarget;
  settings: WalletSettings;
  /** On the local chain with a configured key for the shop's wallet: "Send with the app's key". */
  appKey: boolean;
  /** The chain's block explorer, for the transaction link (none on anvil). */
  explorerTxBase: string | null;
};

export type RefundStep =
  | { kind: "idle" }
  | { kind: "working"; message: string; txHash?: string }
  | { kind: "error"; message: string }
  /** Mined, but the app could not record it (yet): retry recording, never send again. */
  | { kind: "unrecorded"; message: string; txHash: `0x${string}` }
  | { kind: "refunded"; txHash: string };

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** POST /api/orders/:id/refund: records the wallet's refund ({txHash}) or has the app send it ({}). */
export async function recordRefund(orderId: string, body: { txHash?: string }): Promise<{ ok: true; txHash: string } | { ok: false; message: string }> {
  try {
    const response = await fetch(`/api/orders/${encodeURIComponent(orderId)}/refund`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => null)) as { txHash?: string; error?: { message?: string } } | null;
    if (response.ok && json?.txHash) return { ok: true, txHash: json.txHash };
    return { ok: false, message: json?.error?.message ?? `The shop could not record the refund (HTTP ${response.status}). Try again.` };
  } catch {
    return { ok: false, message: "We could not reach the shop to record the refund. Check your connection and try again." };
  }
}

export function TxHash({ hash, explorerTxBase }: { hash: string; explorerTxBase: string | null }) {
  return explorerTxBase ? (
    <a href={`${explorerTxBase}/tx/${hash}`} target="_blank" rel="noreferrer" className="font-mono break-all underline">
      {hash}
    </a>
  ) : (
    <span className="font-mono break-all">{hash}</span>
  );
}

/** The refund's progress in words: a live status, an alert for errors. */
export function RefundStatus({ step, explorerTxBase }: { step: RefundStep; explorerTxBase: string | null }) {
  if (step.kind === "idle") return null;
  if (step.kind === "error" || step.kind === "unrecorded") {
    return (
      <div role="alert" className="rounded-xl bg-red-50 p-3 text-sm text-red-900">
        <p>{step.message}</p>
        {step.kind === "unrecorded" ? (
          <p className="mt-1">
            Sent in <TxHash hash={step.txHash} explorerTxBase={explorerTxBase} />: do not send it again.
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div role="status" className="rounded-xl bg-foam p-3 text-sm">
      <p className="font-semibold">{step.kind === "refunded" ? "Refunded" : step.message}</p>
      {step.txHash ? (
        <p className="mt-1">
          Transaction <TxHash hash={step.txHash} explorerTxBase={explorerTxBase} />
        </p>
      ) : null}
    </div>
  );
}
