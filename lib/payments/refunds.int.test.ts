import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, erc20Abi, http, keccak256, parseEther, parseUnits, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { paymentRouterAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import type { SessionUser } from "@/lib/auth/session-user";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { lockOrder, transitionOrder } from "@/lib/orders/transition";
import { seed } from "@/prisma/seed";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { readRound } from "./feeds";
import { createInvoice, getInvoiceView, type InvoiceView } from "./invoices";
import { claimRefund, planRefund, recordRefund, REFUND_CLAIM_STALE_MS, sendRefundWithKey, type RefundPlan } from "./refunds";
import { getShopOrder, listShopOrders } from "./refund-view";
import { PaymentWatcher } from "./watcher";

/**
 * Refunds against PostgreSQL and a PRIVATE anvil (its own chain: every refund transaction here is
 * this file's, so the unique (chain, refund tx hash) never meets another file's refunds): a
 * manager refunds a cancelled, settled order; two requests at once send ONE transaction; a send
 * that fails goes back to CANCELLED; a process that dies at any step leaves REFUNDING, and the
 * next request finishes it without paying twice; a transaction already used refunds nothing else.
 */

const db = createDb(env().DATABASE_URL, 6);
const SFO = "sfo-terminal-2";
const { PaymentRouter: ROUTER, USDC } = localDeployment.contracts;
// anvil's account #3 pays; anvil's public test key #9 is SFO's receiving wallet in the seed.
const PAYER = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const SHOP_KEY = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6" as const;
const SHOP = privateKeyToAccount(SHOP_KEY);
let chain: PrivateAnvil;
let client: PublicClient;
let testClient: ReturnType<typeof createTestClient>;
let watcher: PaymentWatcher;
let manager: SessionUser;
const invoiceIds: string[] = [];

const walletFor = (key: Hex) => createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: privateKeyToAccount(key) });
const clients = () => ({ public: client, wallet: walletFor });
const usdcOf = (address: Hex) => client.readContract({ address: USDC, abi: testStablecoinAbi, functionName: "balanceOf", args: [address] });
const shopNonce = () => client.getTransactionCount({ address: SHOP.address });
const orderRow = (id: string) => db.order.findUniqueOrThrow({ where: { id } });
const invoiceRow = (orderId: string) => db.invoice.findFirstOrThrow({ where: { orderId }, orderBy: { createdAt: "desc" } });

beforeAll(async () => {
  chain = await startPrivateAnvil();
  const transport = http(chain.rpcUrl);
  client = createPublicClient({ chain: anvil, transport }) as PublicClient;
  testClient = createTestClient({ chain: anvil, mode: "anvil", transport });
  await deployLocalContracts(chain.rpcUrl);
  await seed(db, { historyDays: 0 });
  const payer = createWalletClient({ chain: anvil, transport, account: PAYER });
  for (const functionName of ["mint", "approve"] as const) {
    const hash = await payer.writeContract({ chain: anvil, account: PAYER, address: USDC, abi: testStablecoinAbi, functionName, args: [functionName === "mint" ? PAYER.address : ROUTER, parseUnits("1000", 6)] });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  }
  const shopId = (await db.shop.findUniqueOrThrow({ where: { slug: SFO } })).id;
  manager = { id: "manager-1", email: "m@test", name: "M", role: "MANAGER", shops: [{ shopId, role: "MANAGER" }] };
});
afterAll(async () => {
  // This chain's payments would look reorganised away to the next file's private anvil (same chain
  // id, other blocks at the same heights) when they share the run's database: take them along.
  await db.payment.deleteMany({ where: { invoiceId: { in: invoiceIds } } });
  await chain?.stop();
  await db.$disconnect();
});
beforeEach(async () => {
  await db.chainCursor.deleteMany();
  watcher = new PaymentWatcher({ db, client, chainId: anvil.id, router: ROUTER, startBlock: 0n, log: childLogger("test-watcher") });
});

/** A crypto order paid in USDC, settled (2 confirmations), then cancelled by the shop: ready to refund. */
async function cancelledPaidOrder(): Promise<{ orderId: string; invoice: InvoiceView }> {
  await db.shop.update({ where: { slug: SFO }, data: { fastLaneMaxCents: 0, requiredConfirmations: 2 } });
  const { order } = await placeOrder(db, { shop: SFO, customerName: "Ada", paymentMethod: "CRYPTO", items: [{ product: "caffe-latte", quantity: 1 }] }, { userId: null });
  const { invoice } = await createInvoice(db, order.id, { chainId: anvil.id, token: "USDC" }, { enabledChains: [anvil.id], ttlSeconds: 900, readRound: (_id, feed) => readRound(client, feed) });
  invoiceIds.push(invoice.id);
  const payer = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: PAYER });
  const hash = await payer.writeContract({ chain: anvil, account: PAYER, address: ROUTER, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, invoice.tokenAddress!, BigInt(invoice.amountDue), invoice.payTo] });
  await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  await testClient.mine({ blocks: 1 });
  await watcher.tick();
  expect((await getInvoiceView(db, order.id))?.status).toBe("SETTLED");
  await db.$transaction(async (tx) => transitionOrder(tx, (await lockOrder(tx, order.id))!, "CANCELLED", { actor: "staff", actorId: manager.id, reason: "Machine broke" }));
  return { orderId: order.id, invoice };
}

/** The refund transfer as the app would sign it (the shop's next nonce). */
async function signedRefund(plan: RefundPlan): Promise<{ hash: Hex; raw: Hex }> {
  const request = await walletFor(SHOP_KEY).prepareTransactionRequest({
    account: SHOP,
    chain: anvil,
    to: plan.tokenAddress!,
    data: encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [plan.to, plan.amount] }),
  });
  const raw = await SHOP.signTransaction(request as Parameters<typeof SHOP.signTransaction>[0]);
  return { hash: keccak256(raw), raw };
}

/** What a request that died right after storing its signed transaction leaves behind. */
async function diedAfterSigning(plan: RefundPlan, now: Date): Promise<{ hash: Hex; raw: Hex }> {
  await claimRefund(db, plan, manager, now);
  const signed = await signedRefund(plan);
  await db.invoice.update({ where: { id: plan.invoiceId }, data: { refundTxHash: signed.hash, refundRawTx: signed.raw } });
  return signed;
}

const later = () => new Date(Date.now() + REFUND_CLAIM_STALE_MS + 1_000);

async function history(orderId: string): Promise<string[]> {
  const rows = await db.orderStatusHistory.findMany({ where: { orderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((r) => `${r.fromStatus ?? "∅"}→${r.toStatus}`);
}

describe("refunds", () => {
  it("the manager's orders screen offers the refund the plan makes, then shows it Refunded; a pay-at-pickup cancellation took no money", async () => {
    const { orderId, invoice } = await cancelledPaidOrder();
    const shopId = (await orderRow(orderId)).shopId;
    const plan = await planRefund(db, orderId, manager);
    const shown = await getShopOrder(db, shopId, orderId);
    expect(shown?.refund).toMatchObject({ kind: "refundable", target: { from: plan.from, to: plan.to, token: "USDC", amount: plan.amount.toString(), display: `${Number(invoice.amountDue) / 1e6} USDC` } });
    expect((await listShopOrders(db, shopId, { cancelledOnly: true })).find((o) => o.id === orderId)?.refund.kind).toBe("refundable");
    // Another shop's id finds nothing.
    const other = (await db.shop.findFirstOrThrow({ where: { slug: { not: SFO } } })).id;
    expect(await getShopOrder(db, other, orderId)).toBeNull();

    const hash = await sendRefundWithKey(db, plan, [SHOP_KEY], clients(), manager);
    expect((await getShopOrder(db, shopId, orderId))?.refund).toMatchObject({ kind: "refunded", txHash: hash, explorerTxBase: null });

    const { order: atPickup } = await placeOrder(db, { shop: SFO, customerName: "Bo", paymentMethod: "PAY_AT_PICKUP", items: [{ product: "caffe-latte", quantity: 1 }] }, { userId: null });
    await db.$transaction(async (tx) => transitionOrder(tx, (await lockOrder(tx, atPickup.id))!, "CANCELLED", { actor: "staff", actorId: manager.id, reason: "Closed early" }));
    expect((await getShopOrder(db, shopId, atPickup.id))?.refund).toEqual({ kind: "no-money" });
  });

  it("a manager refunds a cancelled, settled order to the paying address; invoice and order show REFUNDED", async () => {
    expect(SHOP.address).toBe("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    const { orderId, invoice } = await cancelledPaidOrder();
    await expect(planRefund(db, orderId, null)).rejects.toThrow("Sign in to continue.");
    await expect(planRefund(db, orderId, { id: "c", email: "c@test", name: "C", role: "CUSTOMER", shops: [] })).rejects.toThrow("You do not have permission to do that.");

    const plan = await planRefund(db, orderId, manager);
    expect(plan).toMatchObject({ to: PAYER.address, from: SHOP.address, amount: BigInt(invoice.amountDue), token: "USDC" });
    // A transaction that is not the refund is refused; so is a wallet without a configured key. Neither changes the order.
    const unrelated = await createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: PAYER }).sendTransaction({ chain: anvil, account: PAYER, to: PAYER.address, value: 1n });
    await client.waitForTransactionReceipt({ hash: unrelated, pollingInterval: 20 });
    await expect(recordRefund(db, plan, unrelated, client, manager)).rejects.toThrow(/must come from the shop's wallet/);
    await expect(sendRefundWithKey(db, plan, [], clients(), manager)).rejects.toThrow(/No refund key is configured/);
    expect((await orderRow(orderId)).status).toBe("CANCELLED");

    const before = await usdcOf(PAYER.address);
    const hash = await sendRefundWithKey(db, plan, [SHOP_KEY], clients(), manager);
    expect(await usdcOf(PAYER.address)).toBe(before + BigInt(invoice.amountDue));
    expect(await getInvoiceView(db, orderId)).toMatchObject({ status: "REFUNDED", refundTxHash: hash });
    expect(await orderRow(orderId)).toMatchObject({ status: "REFUNDED", cancelReason: "Machine broke" });
    expect((await invoiceRow(orderId)).refundRawTx).toBeNull();
    expect(await history(orderId)).toEqual(["∅→PENDING_PAYMENT", "PENDING_PAYMENT→PLACED", "PLACED→CANCELLED", "CANCELLED→REFUNDING", "REFUNDING→REFUNDED"]);
    await expect(planRefund(db, orderId, manager)).rejects.toThrow("This order has already been refunded.");
    // The watcher keeps a refunded invoice refunded.
    await watcher.tick();
    expect((await getInvoiceView(db, orderId))?.status).toBe("REFUNDED");
  });

  it("two refund requests at the same moment send ONE transaction; the other is refused with a 409 sentence", async () => {
    const { orderId, invoice } = await cancelledPaidOrder();
    const [nonce, balance] = [await shopNonce(), await usdcOf(PAYER.address)];
    const request = async () => sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager);

    const results = await Promise.allSettled([request(), request()]);
    const sent = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(sent).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const response = errorResponse(refused[0]!.reason);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^A refund of this order is already being sent \(started \d+ s ago\)\. Wait for it to finish and reload the order; do not send it again\.$/);

    expect(await shopNonce()).toBe(nonce + 1); // exactly one transaction left the shop's wallet
    expect(await usdcOf(PAYER.address)).toBe(balance + BigInt(invoice.amountDue));
    expect((await orderRow(orderId)).status).toBe("REFUNDED");
    expect(await history(orderId)).toEqual(["∅→PENDING_PAYMENT", "PENDING_PAYMENT→PLACED", "PLACED→CANCELLED", "CANCELLED→REFUNDING", "REFUNDING→REFUNDED"]);
  });

  it("a send that fails goes back to CANCELLED (first cancellation kept), sends nothing, and can be tried again", async () => {
    const { orderId } = await cancelledPaidOrder();
    const cancelledAt = (await orderRow(orderId)).cancelledAt;
    const plan = await planRefund(db, orderId, manager);
    const nonce = await shopNonce();
    const eth = await client.getBalance({ address: SHOP.address });
    await testClient.setBalance({ address: SHOP.address, value: 0n }); // no gas
    try {
      const failure = await sendRefundWithKey(db, plan, [SHOP_KEY], clients(), manager).catch((e: unknown) => e);
      expect(errorResponse(failure).status).toBe(409);
      expect((failure as Error).message).toMatch(/^The refund could not be (prepared|sent) \(.+\)\. Nothing was sent; the order is cancelled again, so you can try again\.$/);
    } finally {
      await testClient.setBalance({ address: SHOP.address, value: eth > parseEther("1") ? eth : parseEther("10") });
    }
    expect(await shopNonce()).toBe(nonce);
    expect(await orderRow(orderId)).toMatchObject({ status: "CANCELLED", cancelReason: "Machine broke", cancelledAt });
    expect(await invoiceRow(orderId)).toMatchObject({ status: "SETTLED", refundTxHash: null, refundRawTx: null, refundClaimedAt: null });

    await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager);
    expect(await shopNonce()).toBe(nonce + 1);
    expect((await orderRow(orderId)).status).toBe("REFUNDED");
    expect(await history(orderId)).toEqual([
      "∅→PENDING_PAYMENT",
      "PENDING_PAYMENT→PLACED",
      "PLACED→CANCELLED",
      "CANCELLED→REFUNDING",
      "REFUNDING→CANCELLED",
      "CANCELLED→REFUNDING",
      "REFUNDING→REFUNDED",
    ]);
  });

  it("a process that died after claiming (nothing signed) blocks others while fresh; a later request takes over and sends once", async () => {
    const { orderId, invoice } = await cancelledPaidOrder();
    const plan = await planRefund(db, orderId, manager);
    const nonce = await shopNonce();
    await claimRefund(db, plan, manager); // …and the process dies here
    expect((await orderRow(orderId)).status).toBe("REFUNDING");

    const fresh = await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager).catch((e: unknown) => e);
    expect(errorResponse(fresh).status).toBe(409);
    expect((fresh as Error).message).toMatch(/^A refund of this order is already being sent/);
    expect(await shopNonce()).toBe(nonce);

    const balance = await usdcOf(PAYER.address);
    await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager, { now: later });
    expect(await shopNonce()).toBe(nonce + 1);
    expect(await usdcOf(PAYER.address)).toBe(balance + BigInt(invoice.amountDue));
    expect((await orderRow(orderId)).status).toBe("REFUNDED");
  });

  it("a process that died after broadcasting: the next request records the mined transaction and sends nothing more", async () => {
    const { orderId } = await cancelledPaidOrder();
    const plan = await planRefund(db, orderId, manager);
    const nonce = await shopNonce();
    const signed = await diedAfterSigning(plan, new Date());
    await client.waitForTransactionReceipt({ hash: await client.sendRawTransaction({ serializedTransaction: signed.raw }), pollingInterval: 20 });
    expect(await shopNonce()).toBe(nonce + 1);
    expect((await orderRow(orderId)).status).toBe("REFUNDING");

    const hash = await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager, { now: later });
    expect(hash).toBe(signed.hash);
    expect(await shopNonce()).toBe(nonce + 1);
    expect(await getInvoiceView(db, orderId)).toMatchObject({ status: "REFUNDED", refundTxHash: signed.hash });
  });

  it("a process that died before broadcasting: the next request sends the SAME signed transaction", async () => {
    const { orderId } = await cancelledPaidOrder();
    const plan = await planRefund(db, orderId, manager);
    const nonce = await shopNonce();
    const signed = await diedAfterSigning(plan, new Date());

    const hash = await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager, { now: later });
    expect(hash).toBe(signed.hash);
    expect(await shopNonce()).toBe(nonce + 1);
    expect((await orderRow(orderId)).status).toBe("REFUNDED");
  });

  it("a manager's own refund while the app's is stored: refused until the app's can never be mined, then recorded", async () => {
    const { orderId, invoice } = await cancelledPaidOrder();
    const plan = await planRefund(db, orderId, manager);
    const nonce = await shopNonce();
    const balance = await usdcOf(PAYER.address);
    const signed = await diedAfterSigning(plan, new Date());
    // The manager refunds from the shop's wallet by hand meanwhile (their wallet chose another gas limit,
    // so it is not the app's exact transaction): that takes the stored transaction's nonce.
    const own = await walletFor(SHOP_KEY).writeContract({ chain: anvil, account: SHOP, address: USDC, abi: erc20Abi, functionName: "transfer", args: [PAYER.address, BigInt(invoice.amountDue)], gas: 100_000n });
    await client.waitForTransactionReceipt({ hash: own, pollingInterval: 20 });
    // Recording it now is refused: the app still holds a signed refund that might go out (two refunds).
    await expect(recordRefund(db, plan, own, client, manager)).rejects.toThrow(`The app is sending this refund in ${signed.hash}; ask for the refund again without a transaction hash to finish it.`);

    // Asked again, the app finds its transaction can never be mined (nonce used): given up, nothing sent.
    const failure = await sendRefundWithKey(db, await planRefund(db, orderId, manager), [SHOP_KEY], clients(), manager, { now: later }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^The refund could not be sent \(.+\)\. Nothing was sent; the order is cancelled again, so you can try again\.$/);
    expect(await orderRow(orderId)).toMatchObject({ status: "CANCELLED", cancelReason: "Machine broke" });
    expect(await client.getTransactionReceipt({ hash: signed.hash }).catch(() => null)).toBeNull();

    await recordRefund(db, await planRefund(db, orderId, manager), own, client, manager);
    expect(await getInvoiceView(db, orderId)).toMatchObject({ status: "REFUNDED", refundTxHash: own });
    expect(await shopNonce()).toBe(nonce + 1);
    expect(await usdcOf(PAYER.address)).toBe(balance + BigInt(invoice.amountDue));
  });

  it("one transaction refunds one order: a hash already used for another refund is refused (check and constraint)", async () => {
    const first = await cancelledPaidOrder();
    const used = await sendRefundWithKey(db, await planRefund(db, first.orderId, manager), [SHOP_KEY], clients(), manager);
    // Same amount, same payer: the used transaction would pass every on-chain check for this order.
    const second = await cancelledPaidOrder();
    expect(second.invoice.amountDue).toBe(first.invoice.amountDue);
    const plan = await planRefund(db, second.orderId, manager);
    const refused = await recordRefund(db, plan, used, client, manager).catch((e: unknown) => e);
    expect(errorResponse(refused).status).toBe(409);
    expect((refused as Error).message).toBe("That transaction already refunded another order; each refund needs its own transaction.");
    expect((await orderRow(second.orderId)).status).toBe("CANCELLED");
    // Upper case is the same hash.
    await expect(recordRefund(db, plan, used.toUpperCase().replace("0X", "0x") as Hex, client, manager)).rejects.toThrow("already refunded another order");
    // And the database refuses it on its own: (chain, refund tx hash) is unique.
    await expect(db.invoice.update({ where: { id: plan.invoiceId }, data: { refundTxHash: used } })).rejects.toMatchObject({ code: "P2002" });
  });
});
