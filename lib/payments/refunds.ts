import { erc20Abi, getAddress, parseEventLogs, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DomainError } from "@/lib/actions/result";
import { authorize } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import { CHAINS } from "@/lib/chain/config";
import type { Db } from "@/lib/db";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { lockOrder, transitionOrder } from "@/lib/orders/transition";

/**
 * Refunds of paid orders that were cancelled: the money counted for the invoice goes back to the
 * address that paid it, from the shop's receiving wallet. Two ways to send it:
 * - the manager's connected wallet sends it, and the app records it (recordRefund verifies the
 *   transaction on chain: from the shop's wallet, to the payer, at least the amount, succeeded);
 * - on a local chain, a configured key for the shop's wallet sends it (sendRefundWithKey).
 * Either way the invoice becomes REFUNDED with the transaction hash and the order REFUNDED.
 */

export type RefundPlan = { invoiceId: string; orderId: string; shopId: string; chainId: number; from: Address; to: Address; token: string; tokenAddress: Address | null; amount: bigint };

export async function planRefund(db: Db, orderId: string, user: SessionUser | null): Promise<RefundPlan> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, shopId: true, status: true, paymentMethod: true } });
  if (!order) throw new DomainError("not_found", "There is no such order.");
  authorize(user, "order:refund", { shopId: order.shopId });
  if (order.paymentMethod !== "CRYPTO") throw new DomainError("conflict", "This order was not paid with a wallet.");
  if (order.status === "REFUNDED") throw new DomainError("conflict", "This order has already been refunded.");
  if (order.status !== "CANCELLED") throw new DomainError("conflict", "Only cancelled orders are refunded; cancel the order first.");
  const invoice = await db.invoice.findFirst({
    where: { orderId, status: { in: ["SETTLED", "PROCESSING"] } },
    orderBy: { createdAt: "desc" },
    include: { payments: { where: { status: { in: ["SEEN", "CONFIRMED"] }, late: false } } },
  });
  if (!invoice || invoice.payments.length === 0) throw new DomainError("conflict", "This order has no settled payment to refund.");
  if (invoice.status !== "SETTLED") throw new DomainError("conflict", "The payment is not confirmed yet; refund it once it has settled.");
  const payers = new Set(invoice.payments.map((p) => p.payer));
  if (payers.size > 1) throw new DomainError("conflict", "This order was paid from several addresses; refund each payment from the shop's wallet by hand.");
  return {
    invoiceId: invoice.id,
    orderId,
    shopId: order.shopId,
    chainId: invoice.chainId,
    from: getAddress(invoice.payTo),
    to: getAddress([...payers][0]!),
    token: invoice.token,
    tokenAddress: invoice.tokenAddress ? getAddress(invoice.tokenAddress) : null,
    amount: BigInt(invoice.amountPaid.toFixed()),
  };
}

/** Verifies a refund transaction on chain and records it (invoice and order REFUNDED). */
export async function recordRefund(db: Db, plan: RefundPlan, txHash: Hex, client: PublicClient, user: SessionUser | null, now = new Date()): Promise<void> {
  const receipt = await client.getTransactionReceipt({ hash: txHash }).catch(() => null);
  if (!receipt) throw new DomainError("invalid", "That refund transaction is not on chain (yet). Wait until it is mined and try again.");
  if (receipt.status !== "success") throw new DomainError("invalid", "That refund transaction failed on chain.");
  if (getAddress(receipt.from) !== plan.from) throw new DomainError("invalid", `A refund must come from the shop's wallet ${plan.from}.`);
  if (plan.tokenAddress === null) {
    const tx = await client.getTransaction({ hash: txHash });
    if (!tx.to || getAddress(tx.to) !== plan.to || tx.value < plan.amount) throw new DomainError("invalid", `That transaction does not send ${plan.token} to ${plan.to}.`);
  } else {
    const transfers = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs }).filter(
      (l) => getAddress(l.address) === plan.tokenAddress && getAddress(l.args.from) === plan.from && getAddress(l.args.to) === plan.to,
    );
    if (transfers.reduce((sum, l) => sum + l.args.value, 0n) < plan.amount) throw new DomainError("invalid", `That transaction does not send the paid ${plan.token} back to ${plan.to}.`);
  }
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM invoices WHERE id = ${plan.invoiceId}::uuid FOR UPDATE`;
    if (rows[0]?.status !== "SETTLED") throw new DomainError("conflict", "This invoice has already been refunded.");
    await tx.invoice.update({ where: { id: plan.invoiceId }, data: { status: "REFUNDED", refundTxHash: txHash, refundedAt: now, version: { increment: 1 } } });
    const order = await lockOrder(tx, plan.orderId);
    if (order) await transitionOrder(tx, order, "REFUNDED", { actor: "staff", actorId: user?.id ?? "staff", reason: `Refunded in ${txHash}`, now });
    await enqueueEvents(tx, [
      createEvent("invoice.status_changed", plan.orderId, {
        invoiceId: plan.invoiceId,
        orderId: plan.orderId,
        shopId: plan.shopId,
        from: "SETTLED",
        to: "REFUNDED",
        exception: null,
        chainId: plan.chainId,
        token: plan.token,
        amountDue: plan.amount.toString(),
        amountPaid: plan.amount.toString(),
        released: true,
      }, now),
    ]);
  });
}

/**
 * Local development: sends the refund from the shop's wallet with a configured key (one of
 * `keys` must control the invoice's receiving address) and records it.
 */
export async function sendRefundWithKey(db: Db, plan: RefundPlan, keys: readonly Hex[], clients: { public: PublicClient; wallet: (key: Hex) => WalletClient }, user: SessionUser | null): Promise<Hex> {
  if (!CHAINS[plan.chainId]?.local) throw new DomainError("forbidden", "Refunds on this network are sent from the manager's own wallet.");
  const key = keys.find((k) => privateKeyToAccount(k).address === plan.from);
  if (!key) throw new DomainError("unavailable", `No refund key is configured for the shop's wallet ${plan.from} (REFUND_PRIVATE_KEYS).`);
  const wallet = clients.wallet(key);
  const account = privateKeyToAccount(key);
  const chain = CHAINS[plan.chainId]!.chain;
  const hash =
    plan.tokenAddress === null
      ? await wallet.sendTransaction({ account, chain, to: plan.to, value: plan.amount })
      : await wallet.writeContract({ account, chain, address: plan.tokenAddress, abi: erc20Abi, functionName: "transfer", args: [plan.to, plan.amount] });
  await clients.public.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  await recordRefund(db, plan, hash, clients.public, user);
  return hash;
}
