"use client";

import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { erc20Abi, getAddress, type Hex } from "viem";
import { useAccount, useConfig, useDisconnect } from "wagmi";
import { getAccount, sendTransaction, switchChain, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { Button } from "@/components/ui/button";
import { WalletProviders } from "@/components/wallet/wallet-providers";
import { refundErrorMessage } from "@/lib/wallet/payment-errors";
import { RefundStatus, recordRefund, shortAddress, type RefundPanelProps, type RefundStep } from "./refund-shared";

/**
 * The manager's refund of a cancelled, paid crypto order: connect the shop's wallet (RainbowKit,
 * loaded on this page only), send the paid amount back to the payer in one transaction (ETH, or
 * an ERC-20 transfer), wait for its receipt, and have the app verify and record it
 * (POST /api/orders/:id/refund {txHash}). A mined refund the app could not record yet keeps its
 * hash, and "Record the refund" retries without sending again.
 */
export function RefundPanel(props: RefundPanelProps) {
  return (
    <WalletProviders settings={props.settings}>
      <WalletRefund {...props} />
    </WalletProviders>
  );
}

function WalletRefund({ orderId, target, appKey, explorerTxBase }: RefundPanelProps) {
  const config = useConfig();
  const router = useRouter();
  const { address, isConnected } = useAccount();
  const { disconnect } = useDisconnect();
  const { openConnectModal, connectModalOpen } = useConnectModal();
  const [step, setStep] = useState<RefundStep>({ kind: "idle" });
  const busy = step.kind === "working";
  const wrongWallet = isConnected && address !== undefined && getAddress(address) !== target.from;

  async function record(hash: Hex) {
    setStep({ kind: "working", message: "Refund mined. Recording it…", txHash: hash });
    const outcome = await recordRefund(orderId, { txHash: hash });
    setStep(outcome.ok ? { kind: "refunded", txHash: outcome.txHash } : { kind: "unrecorded", message: outcome.message, txHash: hash });
    if (outcome.ok) router.refresh();
  }

  async function send() {
    if (busy) return;
    let hash: Hex | null = null;
    try {
      if (getAccount(config).chainId !== target.chainId) {
        setStep({ kind: "working", message: `Switch your wallet to ${target.chainName}…` });
        await switchChain(config, { chainId: target.chainId });
      }
      setStep({ kind: "working", message: "Confirm the refund in your wallet…" });
      const amount = BigInt(target.amount);
      hash =
        target.tokenAddress === null
          ? await sendTransaction(config, { chainId: target.chainId, to: target.to, value: amount })
          : await writeContract(config, { chainId: target.chainId, address: target.tokenAddress, abi: erc20Abi, functionName: "transfer", args: [target.to, amount] });
      setStep({ kind: "working", message: "Refund sent. Waiting for the receipt…", txHash: hash });
      const receipt = await waitForTransactionReceipt(config, { hash, chainId: target.chainId, pollingInterval: 250 });
      if (receipt.status !== "success") throw new Error("execution reverted");
    } catch (error) {
      return setStep({ kind: "error", message: refundErrorMessage(error, target) });
    }
    await record(hash);
  }

  async function sendWithAppKey() {
    if (busy) return;
    setStep({ kind: "working", message: "The app is sending the refund from the shop's wallet…" });
    const outcome = await recordRefund(orderId, {});
    setStep(outcome.ok ? { kind: "refunded", txHash: outcome.txHash } : { kind: "error", message: outcome.message });
    if (outcome.ok) router.refresh();
  }

  if (step.kind === "refunded") return <RefundStatus step={step} explorerTxBase={explorerTxBase} />;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        Sends <strong>{target.display}</strong> on {target.chainName} from the shop’s wallet <span className="font-mono">{shortAddress(target.from)}</span> back to the payer{" "}
        <span className="font-mono">{shortAddress(target.to)}</span>.
      </p>
      {step.kind === "unrecorded" ? (
        <Button onClick={() => void record(step.txHash)}>Record the refund</Button>
      ) : !isConnected ? (
        <Button disabled={!openConnectModal || connectModalOpen} onClick={() => openConnectModal?.()}>
          Connect the shop’s wallet
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={busy || wrongWallet} onClick={() => void send()}>
            Refund {target.display}
          </Button>
          <span className="text-sm text-espresso/75">
            Connected: <span className="font-mono">{address ? shortAddress(getAddress(address)) : ""}</span>
          </span>
          <Button variant="ghost" size="sm" disabled={busy} onClick={() => disconnect()}>
            Disconnect
          </Button>
        </div>
      )}
      {wrongWallet ? (
        <p role="alert" className="text-sm font-semibold text-red-800">
          The connected wallet is not the shop’s wallet {shortAddress(target.from)}; a refund must come from it. Switch accounts in your wallet.
        </p>
      ) : null}
      <RefundStatus step={step} explorerTxBase={explorerTxBase} />
      {appKey ? (
        <div className="border-t border-espresso/10 pt-4">
          <p className="text-sm text-espresso/75">Local chain: the app holds the shop wallet’s key and can send the refund itself.</p>
          <Button variant="secondary" size="sm" className="mt-2" disabled={busy} onClick={() => void sendWithAppKey()}>
            Send with the app’s key
          </Button>
        </div>
      ) : null}
    </div>
  );
}
