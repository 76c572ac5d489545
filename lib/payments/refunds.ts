import { encodeFunctionData, erc20Abi, getAddress, keccak256, parseEventLogs, type Address, type Hex, type PublicClient, type TransactionReceipt, type WalletClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { DomainError } from "@/lib/errors";
import { authorize } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import { CHAINS } from "@/lib/chain/config";
import { Prisma, type Db } from "@/lib/db";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { lockOrder, transitionOrder } from "@/lib/orders/transition";

/**
 * Refunds of paid orders that were cancelled: the money counted for the invoice goes back to the
 * address that paid it, from the shop's receiving wallet. Two ways to send it:
 * - the manager's connected wallet sends it, and the app records it (recordRefund verifies the
 *   transaction on chain: from the shop's wallet, to the payer, at least the amount, succeeded);
 * - on a local chain, a configured key for the shop's wallet sends it (sendRefundWithKey).
 * Either way the invoice becomes REFUNDED with the transaction hash and the order REFUNDED. One
 * transaction refunds one invoice: (chain, refund tx hash) is unique in the database.
 *
 * Sending with the key never sends twice, however many requests arrive and wherever a process dies:
 * 1. Claim: under the order's row lock, CANCELLED → REFUNDING (a second request finds REFUNDING and
 *    is refused with a 409 while the claim is fresh).
 * 2. Sign, and store the signed transaction and its hash on the invoice BEFORE broadcasting it.
 * 3. Broadcast, wait for the receipt, record (REFUNDING → REFUNDED).
 * When the node refuses the transaction and does not know it, or it fails on chain, nothing was
 * paid: the order goes back to CANCELLED (first cancellation kept) and the manager may try again.
 * When the process dies, or the receipt does not come in time, the order stays REFUNDING: the next
 * refund request (after REFUND_CLAIM_STALE_MS when the process died; at once after a receipt
 * timeout, which gives the claim up) takes the claim over and finishes the stored
 * transaction (recorded if mined; re-broadcast as the same signed bytes if not, which can be mined
 * once at most; signed anew only when nothing was stored, i.e. nothing was ever broadcast).
 */

/** An attempt older than this is taken over by the next request (longer than any send + receipt wait). */
export const REFUND_CLAIM_STALE_MS = 3 * 60_000;
/** How long one request waits for the refund's receipt before answering "not mined yet". */
export const REFUND_RECEIPT_TIMEOUT_MS = 60_000;

export type RefundPlan = { invoiceId: string; orderId: string; shopId: string; chainId: number; from: Address; to: Address; token: string; tokenAddress: Address | null; amount: bigint };

export async function planRefund(db: Db, orderId: string, user: SessionUser | null): Promise<RefundPlan> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { id: true, shopId: true, status: true, paymentMethod: true } });
  if (!order) throw new DomainError("not_found", "There is no such order.");
  authorize(user, "order:refund", { shopId: order.shopId });
  if (order.paymentMethod !== "CRYPTO") throw new DomainError("conflict", "This order was not paid with a wallet.");
  if (order.status === "REFUNDED") throw new DomainError("conflict", "This order has already been refunded.");
  // REFUNDING: a refund under way, or one whose sender died; claimRefund decides which.
  if (order.status !== "CANCELLED" && order.status !== "REFUNDING") throw new DomainError("conflict", "Only cancelled orders are refunded; cancel the order first.");
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

const ALREADY_USED = "That transaction already refunded another order; each refund needs its own transaction.";

type RefundState = { status: string; refundTxHash: string | null; refundRawTx: string | null; refundClaimedAt: Date | null };

async function lockInvoice(tx: Prisma.TransactionClient, invoiceId: string): Promise<RefundState | null> {
  const rows = await tx.$queryRaw<RefundState[]>`
    SELECT status::text, refund_tx_hash AS "refundTxHash", refund_raw_tx AS "refundRawTx", refund_claimed_at AS "refundClaimedAt"
    FROM invoices WHERE id = ${invoiceId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

function isStale(claimedAt: Date | null, now: Date): boolean {
  return claimedAt === null || now.getTime() - claimedAt.getTime() >= REFUND_CLAIM_STALE_MS;
}

function beingSent(claimedAt: Date | null, now: Date): DomainError {
  const seconds = claimedAt ? Math.max(1, Math.round((now.getTime() - claimedAt.getTime()) / 1000)) : 0;
  return new DomainError("conflict", `A refund of this order is already being sent (started ${seconds} s ago). Wait for it to finish and reload the order; do not send it again.`);
}

/** Verifies a refund transaction on chain and records it (invoice and order REFUNDED). */
export async function recordRefund(db: Db, plan: RefundPlan, txHash: Hex, client: PublicClient, user: SessionUser | null, now = new Date()): Promise<void> {
  const hash = txHash.toLowerCase() as Hex;
  const usedBy = await db.invoice.findFirst({ where: { chainId: plan.chainId, refundTxHash: hash, id: { not: plan.invoiceId } }, select: { id: true } });
  if (usedBy) throw new DomainError("conflict", ALREADY_USED);
  await verifyRefundOnChain(plan, await client.getTransactionReceipt({ hash }).catch(() => null), hash, client);
  try {
    await db.$transaction(async (tx) => {
      const invoice = await lockInvoice(tx, plan.invoiceId);
      if (invoice?.status !== "SETTLED") throw new DomainError("conflict", "This invoice has already been refunded.");
      const order = await lockOrder(tx, plan.orderId);
      if (order?.status === "REFUNDING" && invoice.refundTxHash !== hash) {
        // The app is sending (or sent) this refund itself: recording another transaction would pay twice.
        if (invoice.refundRawTx !== null) throw new DomainError("conflict", `The app is sending this refund in ${invoice.refundTxHash}; ask for the refund again without a transaction hash to finish it.`);
        if (!isStale(invoice.refundClaimedAt, now)) throw beingSent(invoice.refundClaimedAt, now);
      }
      await tx.invoice.update({ where: { id: plan.invoiceId }, data: { status: "REFUNDED", refundTxHash: hash, refundRawTx: null, refundClaimedAt: null, refundedAt: now, version: { increment: 1 } } });
      if (order) await transitionOrder(tx, order, "REFUNDED", { actor: "staff", actorId: user?.id ?? "staff", reason: `Refunded in ${hash}`, now });
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
  } catch (error) {
    // Two orders recorded with the same transaction at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DomainError("conflict", ALREADY_USED);
    throw error;
  }
}

async function verifyRefundOnChain(plan: RefundPlan, receipt: TransactionReceipt | null, hash: Hex, client: PublicClient): Promise<void> {
  if (!receipt) throw new DomainError("invalid", "That refund transaction is not on chain (yet). Wait until it is mined and try again.");
  if (receipt.status !== "success") throw new DomainError("invalid", "That refund transaction failed on chain.");
  if (getAddress(receipt.from) !== plan.from) throw new DomainError("invalid", `A refund must come from the shop's wallet ${plan.from}.`);
  if (plan.tokenAddress === null) {
    const tx = await client.getTransaction({ hash });
    if (!tx.to || getAddress(tx.to) !== plan.to || tx.value < plan.amount) throw new DomainError("invalid", `That transaction does not send ${plan.token} to ${plan.to}.`);
  } else {
    const transfers = parseEventLogs({ abi: erc20Abi, eventName: "Transfer", logs: receipt.logs }).filter(
      (l) => getAddress(l.address) === plan.tokenAddress && getAddress(l.args.from) === plan.from && getAddress(l.args.to) === plan.to,
    );
    if (transfers.reduce((sum, l) => sum + l.args.value, 0n) < plan.amount) throw new DomainError("invalid", `That transaction does not send the paid ${plan.token} back to ${plan.to}.`);
  }
}

/** What a claim found: a transaction signed by an earlier attempt that may already be out. */
export type RefundClaim = { claimedAt: Date; pending: { hash: Hex; raw: Hex } | null };

/**
 * Step 1: makes this request the one that sends the refund. CANCELLED → REFUNDING under the order's
 * and the invoice's row locks; a REFUNDING order is taken over only when its attempt is stale.
 */
export async function claimRefund(db: Db, plan: RefundPlan, user: SessionUser | null, now = new Date()): Promise<RefundClaim> {
  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, plan.orderId);
    const invoice = await lockInvoice(tx, plan.invoiceId);
    if (!order || !invoice) throw new DomainError("not_found", "There is no such order.");
    if (order.status === "REFUNDED" || invoice.status === "REFUNDED") throw new DomainError("conflict", "This order has already been refunded.");
    if (order.status === "CANCELLED") {
      await transitionOrder(tx, order, "REFUNDING", { actor: "staff", actorId: user?.id ?? "staff", reason: "Refund being sent", now });
    } else if (order.status === "REFUNDING") {
      if (!isStale(invoice.refundClaimedAt, now)) throw beingSent(invoice.refundClaimedAt, now);
    } else {
      throw new DomainError("conflict", "Only cancelled orders are refunded; cancel the order first.");
    }
    await tx.invoice.update({ where: { id: plan.invoiceId }, data: { refundClaimedAt: now } });
    const pending = invoice.refundTxHash && invoice.refundRawTx ? { hash: invoice.refundTxHash as Hex, raw: invoice.refundRawTx as Hex } : null;
    return { claimedAt: now, pending };
  });
}

/** Step 2: keeps the signed transaction before it leaves, as long as this request still holds the claim. */
async function storeSigned(db: Db, plan: RefundPlan, claim: RefundClaim, hash: Hex, raw: Hex): Promise<void> {
  const stored = await db.invoice.updateMany({
    where: { id: plan.invoiceId, status: "SETTLED", refundClaimedAt: claim.claimedAt, order: { status: "REFUNDING" } },
    data: { refundTxHash: hash, refundRawTx: raw },
  });
  if (stored.count !== 1) throw new DomainError("conflict", "Another request took this refund over; reload the order to see where it stands.");
}

/** Nothing was paid: the order goes back to CANCELLED and the stored transaction is forgotten. */
async function abandonRefund(db: Db, plan: RefundPlan, claim: RefundClaim, why: string, user: SessionUser | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const order = await lockOrder(tx, plan.orderId);
    const invoice = await lockInvoice(tx, plan.invoiceId);
    // Only the holder of the claim gives it up (a newer attempt may have taken over meanwhile).
    if (order?.status !== "REFUNDING" || invoice?.refundClaimedAt?.getTime() !== claim.claimedAt.getTime()) return;
    await tx.invoice.update({ where: { id: plan.invoiceId }, data: { refundTxHash: null, refundRawTx: null, refundClaimedAt: null } });
    await transitionOrder(tx, order, "CANCELLED", { actor: "staff", actorId: user?.id ?? "staff", reason: `Refund not sent: ${why}` });
  });
}

type RefundClients = { public: PublicClient; wallet: (key: Hex) => WalletClient };
type RefundOptions = { now?: () => Date; receiptTimeoutMs?: number };

/**
 * Local development: sends the refund from the shop's wallet with a configured key (one of
 * `keys` must control the invoice's receiving address) and records it. Sends once however many
 * requests race (see the top of this file).
 */
export async function sendRefundWithKey(db: Db, plan: RefundPlan, keys: readonly Hex[], clients: RefundClients, user: SessionUser | null, opts: RefundOptions = {}): Promise<Hex> {
  if (!CHAINS[plan.chainId]?.local) throw new DomainError("forbidden", "Refunds on this network are sent from the manager's own wallet.");
  const key = keys.find((k) => privateKeyToAccount(k).address === plan.from);
  if (!key) throw new DomainError("unavailable", `No refund key is configured for the shop's wallet ${plan.from} (REFUND_PRIVATE_KEYS).`);
  const claim = await claimRefund(db, plan, user, opts.now?.() ?? new Date());

  let signed = claim.pending;
  if (signed) {
    const earlier = await clients.public.getTransactionReceipt({ hash: signed.hash }).catch(() => null);
    // An earlier attempt's transaction that reverted moved nothing: sign a new one.
    if (earlier?.status === "reverted") signed = null;
  }
  if (!signed) {
    try {
      signed = await signRefund(plan, key, clients);
    } catch (error) {
      await abandonRefund(db, plan, claim, shortReason(error), user);
      throw new DomainError("unavailable", `The refund could not be prepared (${shortReason(error)}). Nothing was sent; the order is cancelled again, so you can try again.`);
    }
    await storeSigned(db, plan, claim, signed.hash, signed.raw);
  }
  const receipt = await broadcast(db, plan, claim, signed, clients.public, user, opts.receiptTimeoutMs ?? REFUND_RECEIPT_TIMEOUT_MS);
  if (receipt.status !== "success") {
    await abandonRefund(db, plan, claim, "the transaction failed on chain", user);
    throw new DomainError("unavailable", `The refund transaction ${signed.hash} failed on chain; nothing was sent. The order is cancelled again, so you can try again.`);
  }
  await recordRefund(db, plan, signed.hash, clients.public, user);
  return signed.hash;
}

async function signRefund(plan: RefundPlan, key: Hex, clients: RefundClients): Promise<{ hash: Hex; raw: Hex }> {
  const account = privateKeyToAccount(key);
  const chain = CHAINS[plan.chainId]!.chain;
  const call =
    plan.tokenAddress === null
      ? { to: plan.to, value: plan.amount }
      : { to: plan.tokenAddress, data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [plan.to, plan.amount] }) };
  const request = await clients.wallet(key).prepareTransactionRequest({ account, chain, ...call });
  const raw = await account.signTransaction(request as Parameters<typeof account.signTransaction>[0]);
  return { hash: keccak256(raw), raw };
}

/**
 * Step 3: the stored transaction goes out (again, for a resumed refund: the same bytes, so it is
 * mined once at most) and its receipt is awaited. A transaction the node refuses and does not know
 * can never be mined as it stands: the refund is abandoned (nothing was paid).
 */
async function broadcast(db: Db, plan: RefundPlan, claim: RefundClaim, signed: { hash: Hex; raw: Hex }, client: PublicClient, user: SessionUser | null, timeoutMs: number): Promise<TransactionReceipt> {
  const mined = await client.getTransactionReceipt({ hash: signed.hash }).catch(() => null);
  if (mined) return mined;
  try {
    await client.sendRawTransaction({ serializedTransaction: signed.raw });
  } catch (error) {
    const known = await client.getTransaction({ hash: signed.hash }).catch(() => null);
    if (!known) {
      await abandonRefund(db, plan, claim, shortReason(error), user);
      throw new DomainError("unavailable", `The refund could not be sent (${shortReason(error)}). Nothing was sent; the order is cancelled again, so you can try again.`);
    }
  }
  const receipt = await client.waitForTransactionReceipt({ hash: signed.hash, pollingInterval: 50, timeout: timeoutMs }).catch(() => null);
  if (!receipt) {
    // Let the next request resume at once: it re-broadcasts these same bytes, which cannot pay twice.
    await db.invoice.updateMany({ where: { id: plan.invoiceId, refundClaimedAt: claim.claimedAt }, data: { refundClaimedAt: null } });
    throw new DomainError("unavailable", `The refund ${signed.hash} was sent but is not mined yet. Ask for the refund again in a minute to finish it; it will not be sent twice.`);
  }
  return receipt;
}

/** The first line of a viem error ("insufficient funds for gas * price + value"), for a sentence. */
function shortReason(error: unknown): string {
  const text = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  return (text.split("\n")[0] ?? text).slice(0, 160).replace(/\.$/, "");
}
