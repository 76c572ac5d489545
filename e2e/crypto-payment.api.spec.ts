import { expect, test, type APIRequestContext } from "@playwright/test";
import { createPublicClient, createTestClient, createWalletClient, http, parseUnits, type Address, type Hex } from "viem";
import { anvil } from "viem/chains";
import { paymentRouterAbi, testStablecoinAbi } from "../lib/chain/abis.generated";
import { localDeployment } from "../lib/chain/deployments.local";

/**
 * The crypto payment backend end to end: a CRYPTO order waits in PENDING_PAYMENT, its USDC invoice
 * is paid through the router on the shared anvil (this spec only adds state there: transactions
 * and empty blocks), the payment-watcher worker moves the invoice to PROCESSING then SETTLED, and
 * the order processor queues the released order. The wallet UI half (wagmi mock connector) is a
 * separate spec once the checkout page has it.
 */

const rpcUrl = process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const transport = http(rpcUrl);
const chainClient = createPublicClient({ chain: anvil, transport });
const testClient = createTestClient({ chain: anvil, mode: "anvil", transport });
// anvil's account #5 (unlocked on anvil): pays from the test side.
const PAYER: Address = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const wallet = createWalletClient({ chain: anvil, transport, account: PAYER });
const { PaymentRouter: ROUTER, USDC } = localDeployment.contracts;

const latte = { product: "caffe-latte", quantity: 1, options: { size: ["large"] } };

async function cryptoOrder(request: APIRequestContext, quantity: number) {
  const response = await request.post("/api/orders", { data: { shop: "sfo-terminal-2", customerName: "Satoshi", paymentMethod: "CRYPTO", items: [{ ...latte, quantity }] } });
  expect(response.status()).toBe(201);
  const { order } = await response.json();
  expect(order.status).toBe("PENDING_PAYMENT");
  return order as GuestOrder;
}

/** A guest's order and the token that opens it (sent as X-Order-Token). */
type GuestOrder = { id: string; totalCents: number; trackingToken: string };
const asGuest = (order: GuestOrder) => ({ "x-order-token": order.trackingToken });

async function usdcInvoice(request: APIRequestContext, order: GuestOrder) {
  const response = await request.post(`/api/orders/${order.id}/invoice`, { data: { chainId: 31337, token: "USDC" }, headers: asGuest(order) });
  expect(response.status()).toBe(201);
  return (await response.json()).invoice as { reference: Hex; payTo: Address; amountDue: string; remaining: string; status: string };
}

async function payUsdc(invoice: { reference: Hex; payTo: Address }, amount: bigint) {
  const send = async (hash: Promise<Hex>) => chainClient.waitForTransactionReceipt({ hash: await hash, pollingInterval: 20 });
  await send(wallet.writeContract({ address: USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER, amount] }));
  await send(wallet.writeContract({ address: USDC, abi: testStablecoinAbi, functionName: "approve", args: [ROUTER, amount] }));
  return send(wallet.writeContract({ address: ROUTER, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, USDC, amount, invoice.payTo] }));
}

const invoiceOf = async (request: APIRequestContext, order: GuestOrder) => (await (await request.get(`/api/orders/${order.id}/invoice`, { headers: asGuest(order) })).json()).invoice;
const orderOf = async (request: APIRequestContext, order: GuestOrder) => (await (await request.get(`/api/orders/${order.id}`, { headers: asGuest(order) })).json()).order;

test("a USDC payment moves the invoice to PROCESSING, then SETTLED, and the order joins the queue", async ({ request }) => {
  const order = await cryptoOrder(request, 3); // above SFO's $15 fast-lane threshold
  const invoice = await usdcInvoice(request, order);
  expect(invoice).toMatchObject({ status: "NEW", amountDue: String(order.totalCents * 10_000) });

  const receipt = await payUsdc(invoice, BigInt(invoice.amountDue));
  expect(receipt.status).toBe("success");
  const minedAt = Date.now();
  await expect.poll(async () => (await invoiceOf(request, order)).status, { timeout: 5_000, intervals: [50] }).toBe("PROCESSING");
  console.log(`payment mined → PROCESSING visible over the API: ${Date.now() - minedAt} ms`);
  expect((await orderOf(request, order)).status).toBe("PENDING_PAYMENT");

  await testClient.mine({ blocks: 1 }); // SFO wants 2 confirmations
  await expect.poll(async () => (await invoiceOf(request, order)).status, { timeout: 5_000 }).toBe("SETTLED");
  await expect.poll(async () => (await orderOf(request, order)).status, { timeout: 10_000 }).toBe("QUEUED");
});

test("fast lane: a small order joins the queue once its payment is seen", async ({ request }) => {
  const order = await cryptoOrder(request, 1);
  const invoice = await usdcInvoice(request, order);
  await payUsdc(invoice, BigInt(invoice.amountDue));
  await expect.poll(async () => (await orderOf(request, order)).status, { timeout: 10_000 }).toBe("QUEUED");
  expect(await invoiceOf(request, order)).toMatchObject({ status: "PROCESSING", fastLane: true, released: true });
});

test("an underpayment shows PARTIAL with the rest to pay", async ({ request }) => {
  const order = await cryptoOrder(request, 3);
  const invoice = await usdcInvoice(request, order);
  await payUsdc(invoice, BigInt(invoice.amountDue) - parseUnits("2", 6));
  await expect.poll(async () => (await invoiceOf(request, order)).exception, { timeout: 5_000 }).toBe("PARTIAL");
  const partial = await invoiceOf(request, order);
  expect(partial).toMatchObject({ status: "NEW", remaining: "2000000", display: { remaining: "2 USDC" } });
  expect(partial.payWith.pay).toContain("uint256=2000000");
  await payUsdc(invoice, parseUnits("2", 6));
  await expect.poll(async () => (await invoiceOf(request, order)).status, { timeout: 5_000 }).toBe("PROCESSING");
});

test("invoice requests with bad input get a 4xx with a message", async ({ request }) => {
  const order = await cryptoOrder(request, 1);
  const cases = [
    { data: { chainId: 1, token: "USDC" }, status: 422, message: /not offered here/ },
    { data: { chainId: 31337, token: "DOGE" }, status: 422, message: /DOGE is not offered on Anvil/ },
    { data: { chainId: 31337 }, status: 422, message: /token/ },
  ];
  for (const c of cases) {
    const response = await request.post(`/api/orders/${order.id}/invoice`, { data: c.data, headers: asGuest(order) });
    expect(response.status()).toBe(c.status);
    expect((await response.json()).error.message).toMatch(c.message);
  }
  const none = await request.get(`/api/orders/${order.id}/invoice`, { headers: asGuest(order) });
  expect(none.status()).toBe(404);
  expect((await none.json()).error.message).toBe("This order has no invoice yet.");
  const atPickup = (await (await request.post("/api/orders", { data: { shop: "sfo-terminal-2", customerName: "Ada", items: [latte] } })).json()).order as GuestOrder;
  const response = await request.post(`/api/orders/${atPickup.id}/invoice`, { data: { chainId: 31337, token: "USDC" }, headers: asGuest(atPickup) });
  expect(response.status()).toBe(409);
  expect((await response.json()).error.message).toBe("This order is paid at pickup, not with a wallet.");
});
