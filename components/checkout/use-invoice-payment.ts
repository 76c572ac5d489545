"use client";

import { useState } from "react";
import { erc20Abi, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { getAccount, getBalance, readContract, switchChain, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { paymentRouterAbi } from "@/lib/chain/abis.generated";
import type { InvoiceView } from "@/lib/payments/invoices";
import { paymentErrorMessage, shortfallMessage } from "@/lib/wallet/payment-errors";

/** Where a wallet payment stands, with the sentence to show for it. */
export type InvoicePaymentStep =
  | { kind: "idle" }
  | { kind: "working"; message: string }
  | { kind: "paid" }
  | { kind: "error"; message: string };

/**
 * Pays an invoice from the connected wallet through the payment router, step by step: switch the
 * wallet to the invoice's chain, check the balance, approve the router for a token (resetting a
 * USDT-style allowance to 0 first), pay, and wait until each transaction is mined. Every step is
 * reported as a sentence; a failure becomes one too (lib/wallet/payment-errors.ts). `pay` does
 * nothing while a payment is under way or done.
 */
export function useInvoicePayment(invoice: InvoiceView): { step: InvoicePaymentStep; pay: () => Promise<void> } {
  const config = useConfig();
  const [step, setStep] = useState<InvoicePaymentStep>({ kind: "idle" });
  const payWith = invoice.payWith;

  async function pay() {
    if (!payWith || step.kind === "working" || step.kind === "paid") return;
    const amount = BigInt(payWith.amount);
    const target = invoice.chainId;

    async function confirmed(txHash: Hex) {
      const receipt = await waitForTransactionReceipt(config, { hash: txHash, chainId: target, pollingInterval: 250 });
      if (receipt.status !== "success") throw new Error("execution reverted");
    }

    try {
      if (getAccount(config).chainId !== target) {
        setStep({ kind: "working", message: `Switch your wallet to ${invoice.chainName}…` });
        await switchChain(config, { chainId: target });
      }
      const owner = getAccount(config).address;
      if (!owner) throw new Error("connector not connected");
      let hash: Hex;
      if (invoice.tokenAddress === null) {
        const { value } = await getBalance(config, { address: owner, chainId: target });
        if (value <= amount) return setStep({ kind: "error", message: shortfallMessage(invoice.token, true, invoice.chainName) });
        setStep({ kind: "working", message: "Confirm the payment in your wallet…" });
        hash = await writeContract(config, { chainId: target, address: invoice.router, abi: paymentRouterAbi, functionName: "payNative", args: [invoice.reference, invoice.payTo], value: amount });
      } else {
        const token: Address = invoice.tokenAddress;
        const balance = await readContract(config, { chainId: target, address: token, abi: erc20Abi, functionName: "balanceOf", args: [owner] });
        if (balance < amount) return setStep({ kind: "error", message: shortfallMessage(invoice.token, false, invoice.chainName) });
        const allowance = await readContract(config, { chainId: target, address: token, abi: erc20Abi, functionName: "allowance", args: [owner, invoice.router] });
        if (allowance < amount) {
          // USDT-style tokens refuse to change a non-zero allowance: reset it to 0 first.
          if (allowance > 0n && payWith.approveResetRequired) {
            setStep({ kind: "working", message: `Confirm resetting the ${invoice.token} approval in your wallet…` });
            await confirmed(await writeContract(config, { chainId: target, address: token, abi: erc20Abi, functionName: "approve", args: [invoice.router, 0n] }));
          }
          setStep({ kind: "working", message: `Approve ${invoice.token} in your wallet…` });
          await confirmed(await writeContract(config, { chainId: target, address: token, abi: erc20Abi, functionName: "approve", args: [invoice.router, amount] }));
        }
        setStep({ kind: "working", message: "Confirm the payment in your wallet…" });
        hash = await writeContract(config, { chainId: target, address: invoice.router, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, token, amount, invoice.payTo] });
      }
      setStep({ kind: "working", message: "Payment sent. Waiting for the network…" });
      await confirmed(hash);
      setStep({ kind: "paid" });
    } catch (error) {
      setStep({ kind: "error", message: paymentErrorMessage(error, { token: invoice.token, chainName: invoice.chainName }) });
    }
  }

  return { step, pay };
}
