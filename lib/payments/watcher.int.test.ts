import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, parseUnits, type Address, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { paymentRouterAbi, testStablecoinAbi, testTetherTokenAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrder } from "@/lib/orders/process-order";
import { getQueue, ticketChangesSince } from "@/lib/queue/tickets";
import { seed } from "@/prisma/seed";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { beanBalance } from "@/lib/loyalty/ledger";
import { BEANS_PER_ORDER } from "@/lib/loyalty/rules";
import { readRound } from "./feeds";
import { createInvoice, getInvoiceView, type InvoiceView } from "./invoices";
import { PaymentWatcher } from "./watcher";
import { can } from "@/lib/auth/policy";

/**
 * The payment watcher against PostgreSQL and a PRIVATE anvil (snapshot/revert would disturb the
 * shared chain): payments through the router move invoices NEW → PROCESSING → SETTLED and release
 * orders; partial, over-, late and mismatched payments; reorganisations undo payments (and a
 * re-mined transaction comes back); restarts and re-scans change nothing.
 */

const db = createDb(env().DATABASE_URL, 4);
const SFO = "sfo-terminal-2";
const { PaymentRouter: ROUTER, USDC, USDT } = localDeployment.contracts;
// anvil's account #3: a well-known test key, so the test can sign raw transactions and replay them.
const PAYER = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
let chain: PrivateAnvil;
let client: PublicClient;
let testClient: ReturnType<typeof createTestClient>;
let wallet: ReturnType<typeof createWalletClient>;
let watcher: PaymentWatcher;

beforeAll(async () => {
  chain = await startPrivateAnvil();
  const transport = http(chain.rpcUrl);
  client = createPublicClient({ chain: anvil, transport }) as PublicClient;
  testClient = createTestClient({ chain: anvil, mode: "anvil", transport });
  wallet = createWalletClient({ chain: anvil, transport, account: PAYER });
  await deployLocalContracts(chain.rpcUrl);
  await seed(db, { historyDays: 0 });
  await mined(await wallet.writeContract({ chain: anvil, account: PAYER, address: USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER.address, parseUnits("1000", 6)] }));
  await mined(await wallet.writeContract({ chain: anvil, account: PAYER, address: USDC, abi: testStablecoinAbi, functionName: "approve", args: [ROUTER, parseUnits("1000", 6)] }));
  await mined(await wallet.writeContract({ chain: anvil, account: PAYER, address: USDT, abi: testTetherTokenAbi, functionName: "mint", args: [PAYER.address, parseUnits("1000", 6)] }));
  await mined(await wallet.writeContract({ chain: anvil, account: PAYER, address: USDT, abi: testTetherTokenAbi, functionName: "approve", args: [ROUTER, parseUnits("1000", 6)] }));
});
afterAll(async () => {
  await chain?.stop();
  await db.$disconnect();
});
beforeEach(async () => {
  await db.chainCursor.deleteMany();
  watcher = newWatcher();
});

function newWatcher(now?: () => Date) {
  return new PaymentWatcher({ db, client, chainId: anvil.id, router: ROUTER, startBlock: 0n, log: childLogger("test-watcher"), ...(now ? { now } : {}) });
}

async function mined(hash: Hex) {
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return receipt;
}

async function cryptoOrder(opts: { fastLane?: boolean; userId?: string } = {}) {
  await db.shop.update({ where: { slug: SFO }, data: { fastLaneMaxCents: opts.fastLane ? 100_000 : 0, requiredConfirmations: 2 } });
  const { order } = await placeOrder(db, { shop: SFO, customerName: "Ada", paymentMethod: "CRYPTO", items: [{ product: "caffe-latte", quantity: 1 }] }, { userId: opts.userId ?? null });
  expect(order.status).toBe("PENDING_PAYMENT");
  return order;
}

async function invoiceFor(orderId: string, token = "USDC"): Promise<InvoiceView> {
  const { invoice } = await createInvoice(db, orderId, { chainId: anvil.id, token }, { enabledChains: [anvil.id], ttlSeconds: 900, readRound: (_id, feed) => readRound(client, feed) });
  return invoice;
}

function payTokenData(invoice: InvoiceView, amount: bigint, token: Address = invoice.tokenAddress!) {
  return { chain: anvil, account: PAYER, address: ROUTER, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, token, amount, invoice.payTo] } as const;
}

async function pay(invoice: InvoiceView, amount: bigint, token?: Address) {
  return mined(await wallet.writeContract(payTokenData(invoice, amount, token)));
}

const view = async (orderId: string) => (await getInvoiceView(db, orderId))!;
const orderStatus = async (orderId: string) => (await db.order.findUniqueOrThrow({ where: { id: orderId } })).status;

describe("payment watcher", () => {
  it("moves an invoice NEW → PROCESSING → SETTLED and releases the order once, through the outbox", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    expect(invoice).toMatchObject({ status: "NEW", token: "USDC", amountDue: String(order.totalCents * 10_000), fastLane: false });
    await watcher.tick();
    await pay(invoice, BigInt(invoice.amountDue));

    const first = await watcher.tick();
    expect(first.recorded).toBe(1);
    expect(await view(order.id)).toMatchObject({ status: "PROCESSING", amountPaid: invoice.amountDue, remaining: "0", released: false });
    expect((await view(order.id)).payments).toMatchObject([{ status: "SEEN", confirmations: 1, late: false }]);
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");

    await testClient.mine({ blocks: 1 });
    const second = await watcher.tick();
    expect(second.released).toBe(1);
    expect(await view(order.id)).toMatchObject({ status: "SETTLED", released: true, payments: [{ status: "CONFIRMED", confirmations: 2 }] });
    expect(await orderStatus(order.id)).toBe("PLACED");
    const events = await db.outboxEvent.findMany({ where: { key: order.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["order.placed", "invoice.status_changed", "order.status_changed", "invoice.status_changed"]);
    expect(events[2]!.payload).toMatchObject({ from: "PENDING_PAYMENT", to: "PLACED", reason: "Payment settled" });

    // Idempotent: more ticks, a fresh watcher re-scanning from block 0, change nothing.
    await testClient.mine({ blocks: 2 });
    await watcher.tick();
    await db.chainCursor.deleteMany();
    const rescan = await newWatcher().tick();
    expect(rescan).toMatchObject({ recorded: 0, released: 0, refreshed: 0 });
    expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);
    expect(await db.outboxEvent.count({ where: { key: order.id } })).toBe(4);
  });

  it("a signed-in customer earns loyalty beans once when the payment settles", async () => {
    const user = await db.user.create({ data: { name: "Ada", email: `ada-${crypto.randomUUID()}@test` } });
    const order = await cryptoOrder({ userId: user.id });
    const invoice = await invoiceFor(order.id);
    await pay(invoice, BigInt(invoice.amountDue));
    await watcher.tick();
    expect(await beanBalance(db, user.id)).toBe(0); // seen, not settled
    await testClient.mine({ blocks: 2 });
    await watcher.tick();
    await watcher.tick();
    expect(await beanBalance(db, user.id)).toBe(BEANS_PER_ORDER);
  });

  it("fast lane: a small order is released as soon as its payment is seen", async () => {
    const order = await cryptoOrder({ fastLane: true });
    const invoice = await invoiceFor(order.id);
    expect(invoice.fastLane).toBe(true);
    await pay(invoice, BigInt(invoice.amountDue));
    const report = await watcher.tick();
    expect(report.released).toBe(1);
    expect(await view(order.id)).toMatchObject({ status: "PROCESSING", released: true });
    expect(await orderStatus(order.id)).toBe("PLACED");
    // Queued by the order processor, the barista's ticket says it came in on the fast lane.
    await db.$transaction((tx) => processPlacedOrder(tx, order.id));
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const ticket = (await getQueue(db, shop.id, 10_000)).tickets.find((t) => t.id === order.id);
    expect(ticket?.payment).toEqual({ status: "PROCESSING", fastLane: true });
  });

  it("a partial payment shows PARTIAL with the rest to pay; paying the rest completes it; overpaying is flagged", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    const due = BigInt(invoice.amountDue);
    await pay(invoice, due - 1_000_000n);
    await watcher.tick();
    const partial = await view(order.id);
    expect(partial).toMatchObject({ status: "NEW", exception: "PARTIAL", remaining: "1000000", display: { remaining: "1 USDC" } });
    expect(partial.payWith?.amount).toBe("1000000");
    expect(partial.payWith?.pay).toContain("uint256=1000000");
    // Asking for an invoice again returns this one (money arrived: no new quote, no other token).
    expect((await invoiceFor(order.id)).id).toBe(invoice.id);
    await expect(invoiceFor(order.id, "USDT")).rejects.toThrow("This order already has a payment in USDC; pay the rest in USDC.");

    await pay(invoice, 2_000_000n);
    await watcher.tick();
    expect(await view(order.id)).toMatchObject({ status: "PROCESSING", exception: "OVERPAID", amountPaid: String(due + 1_000_000n), payWith: null });
  });

  it("records a payment in the wrong token as MISMATCHED without counting it", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    await pay(invoice, BigInt(invoice.amountDue), USDT);
    await watcher.tick();
    expect(await view(order.id)).toMatchObject({ status: "NEW", amountPaid: "0", payments: [{ status: "MISMATCHED" }] });
  });

  it("expires an unpaid invoice; a payment mined after expiry is recorded as LATE and not counted", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    await db.invoice.update({ where: { id: invoice.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await watcher.tick();
    expect(await view(order.id)).toMatchObject({ status: "EXPIRED", exception: null, payWith: null });
    await pay(invoice, BigInt(invoice.amountDue));
    await watcher.tick();
    expect(await view(order.id)).toMatchObject({ status: "EXPIRED", exception: "LATE", amountPaid: "0", payments: [{ late: true }] });
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
    // A new quote can be asked for; the late money stays on the old invoice for a refund.
    const again = await invoiceFor(order.id);
    expect(again.id).not.toBe(invoice.id);
  });

  it("undoes a payment whose block is replaced by a reorganisation and never releases the order on it", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    await watcher.tick();
    const snapshot = await testClient.snapshot();
    await pay(invoice, BigInt(invoice.amountDue));
    await watcher.tick();
    expect((await view(order.id)).status).toBe("PROCESSING");

    // The payment's block is replaced by a longer chain without it.
    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 3 });
    const report = await watcher.tick();
    expect(report).toMatchObject({ reorg: true, undone: 1 });
    expect(await view(order.id)).toMatchObject({ status: "NEW", amountPaid: "0", payments: [{ status: "UNDONE" }] });
    await testClient.mine({ blocks: 5 });
    await watcher.tick();
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
    expect((await view(order.id)).released).toBe(false);
  });

  it("a fast-lane order whose payment a reorg undoes stays queued, and its ticket changes to say so", async () => {
    const order = await cryptoOrder({ fastLane: true });
    const invoice = await invoiceFor(order.id);
    await watcher.tick();
    const snapshot = await testClient.snapshot();
    await pay(invoice, BigInt(invoice.amountDue));
    expect((await watcher.tick()).released).toBe(1);
    await db.$transaction((tx) => processPlacedOrder(tx, order.id));
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const before = (await getQueue(db, shop.id, 10_000)).tickets.find((t) => t.id === order.id)!;
    expect(before.payment).toEqual({ status: "PROCESSING", fastLane: true });

    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 3 });
    expect(await watcher.tick()).toMatchObject({ reorg: true, undone: 1 });
    // A live queue asks for the changes after the last one it saw: the ticket comes again, flagged.
    const changed = (await ticketChangesSince(db, shop.id, before.seq)).find((t) => t.id === order.id);
    expect(changed).toMatchObject({ status: "QUEUED", payment: { status: "NEW", fastLane: true } });
  });

  it("a SETTLED invoice whose payment a deeper reorg undoes flags its queued order like a fast-lane one, and settles again when re-mined", async () => {
    const order = await cryptoOrder(); // not on the fast lane: released only once settled (2 confirmations)
    const invoice = await invoiceFor(order.id);
    await watcher.tick();
    const snapshot = await testClient.snapshot();
    const request = await client.prepareTransactionRequest({ account: PAYER, to: ROUTER, data: encodePay(invoice), chain: anvil });
    const raw = await PAYER.signTransaction(request as Parameters<typeof PAYER.signTransaction>[0]);
    await mined(await client.sendRawTransaction({ serializedTransaction: raw }));
    await testClient.mine({ blocks: 1 });
    expect((await watcher.tick()).released).toBe(1);
    expect(await view(order.id)).toMatchObject({ status: "SETTLED", released: true });
    await db.$transaction((tx) => processPlacedOrder(tx, order.id));
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: SFO } });
    const before = (await getQueue(db, shop.id, 10_000)).tickets.find((t) => t.id === order.id)!;
    expect(before.payment).toEqual({ status: "SETTLED", fastLane: false });

    // A reorganisation deeper than the required confirmations replaces both blocks.
    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 4 });
    expect(await watcher.tick()).toMatchObject({ reorg: true, undone: 1 });
    expect(await view(order.id)).toMatchObject({ status: "NEW", amountPaid: "0", payments: [{ status: "UNDONE" }] });
    // The order stays in the queue; the live queue (barista's and manager's screen) re-reads its ticket, now flagged.
    const changed = (await ticketChangesSince(db, shop.id, before.seq)).find((t) => t.id === order.id)!;
    expect(changed).toMatchObject({ status: "QUEUED", payment: { status: "NEW", fastLane: false } });
    // (a released order whose invoice is no longer settled shows "Payment undone · collect at counter": labels.test.ts)
    expect(can({ id: "m", email: "m@test", name: "M", role: "MANAGER", shops: [{ shopId: shop.id, role: "MANAGER" }] }, "queue:work", { shopId: shop.id })).toBe(true);
    // The analytics (the manager's dashboard) hear that it is no longer settled.
    const undoneEvent = await db.outboxEvent.findFirst({ where: { key: order.id, type: "invoice.status_changed" }, orderBy: { seq: "desc" } });
    expect(undoneEvent?.payload).toMatchObject({ from: "SETTLED", to: "NEW", released: true });

    // The same transaction mined again: confirming, then settled and paid again (loyalty and release happen once).
    await mined(await client.sendRawTransaction({ serializedTransaction: raw }));
    await watcher.tick();
    expect((await view(order.id)).status).toBe("PROCESSING");
    await testClient.mine({ blocks: 1 });
    expect(await watcher.tick()).toMatchObject({ released: 0 });
    expect((await view(order.id)).status).toBe("SETTLED");
    const again = (await getQueue(db, shop.id, 10_000)).tickets.find((t) => t.id === order.id)!;
    expect(again.payment).toEqual({ status: "SETTLED", fastLane: false });
    expect(await db.orderStatusHistory.count({ where: { orderId: order.id, toStatus: "PLACED" } })).toBe(1);
  });

  it("a transaction mined again in another block after a reorg counts again (once)", async () => {
    const order = await cryptoOrder();
    const invoice = await invoiceFor(order.id);
    await watcher.tick();
    const snapshot = await testClient.snapshot();
    const request = await client.prepareTransactionRequest({ account: PAYER, to: ROUTER, data: encodePay(invoice), chain: anvil });
    const raw = await PAYER.signTransaction(request as Parameters<typeof PAYER.signTransaction>[0]);
    const hash = await client.sendRawTransaction({ serializedTransaction: raw });
    const before = await mined(hash);
    await watcher.tick();

    await testClient.revert({ id: snapshot });
    await testClient.mine({ blocks: 2 }); // the replacement fork is longer, and the transaction is not in it
    expect((await watcher.tick()).undone).toBe(1);
    expect((await view(order.id)).status).toBe("NEW");

    expect(await client.sendRawTransaction({ serializedTransaction: raw })).toBe(hash);
    const after = await mined(hash);
    expect(after.blockHash).not.toBe(before.blockHash);
    await watcher.tick();
    const restored = await view(order.id);
    expect(restored).toMatchObject({ status: "PROCESSING", payments: [{ status: "SEEN", txHash: hash, blockNumber: String(after.blockNumber) }] });
    await testClient.mine({ blocks: 1 });
    await watcher.tick();
    expect(await orderStatus(order.id)).toBe("PLACED");
  });
});

function encodePay(invoice: InvoiceView): Hex {
  return encodeFunctionData({ abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, invoice.tokenAddress!, BigInt(invoice.amountDue), invoice.payTo] });
}
