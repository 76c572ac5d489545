import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { paymentRouterAbi } from "../lib/chain/abis.generated";
import { localDeployment } from "../lib/chain/deployments.local";
import { expectNoSeriousViolations } from "./support/axe";

/**
 * A manager refunds a cancelled crypto order from the screen, against the shared anvil: a customer
 * (a fresh account of its own, so nothing else moves its balance) pays a latte in ETH through the
 * router, the payment settles, the customer cancels, and the manager opens the order under Orders,
 * connects the shop's wallet (the "Test wallet" acts as the shop's receiving wallet, an unlocked
 * anvil account), and presses Refund: the page shows Refunded and the payer has the ETH back.
 * A cancelled pay-at-pickup order says "No money taken".
 */

const SLUG = "sfo-terminal-2";
const LIVE = { timeout: 20_000 };
const transport = http(process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545");
const chainClient = createPublicClient({ chain: anvil, transport });
const testClient = createTestClient({ chain: anvil, mode: "anvil", transport });

type GuestOrder = { id: string; pickupCode: string; trackingToken: string };
const asGuest = (order: GuestOrder) => ({ "x-order-token": order.trackingToken });

async function placeOrder(request: APIRequestContext, customerName: string, paymentMethod: "CRYPTO" | "PAY_AT_PICKUP"): Promise<GuestOrder> {
  const response = await request.post("/api/orders", { data: { shop: SLUG, customerName, paymentMethod, items: [{ product: "caffe-latte", quantity: 1, options: { size: ["medium"] } }] } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).order;
}

const invoiceOf = async (request: APIRequestContext, order: GuestOrder) => (await (await request.get(`/api/orders/${order.id}/invoice`, { headers: asGuest(order) })).json()).invoice;
const statusOf = async (request: APIRequestContext, order: GuestOrder) => (await (await request.get(`/api/orders/${order.id}`, { headers: asGuest(order) })).json()).order.status;

async function cancel(request: APIRequestContext, order: GuestOrder) {
  const response = await request.post(`/api/orders/${order.id}/cancel`, { headers: asGuest(order) });
  expect(response.status(), await response.text()).toBe(200);
}

async function signInAsManager(page: Page) {
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a manager refunds a cancelled ETH payment from the screen with the shop's wallet, and the payer has it back", async ({ page, request }, testInfo) => {
  test.setTimeout(150_000); // the shared 2-core machine: wallet stack, two transactions, workers
  const payer = privateKeyToAccount(generatePrivateKey());
  await testClient.setBalance({ address: payer.address, value: parseEther("1") });
  const name = `Refund ${testInfo.project.name}`;

  // Paid in ETH through the router, settled (SFO wants two confirmations), then cancelled.
  const order = await placeOrder(request, name, "CRYPTO");
  const created = await request.post(`/api/orders/${order.id}/invoice`, { data: { chainId: anvil.id, token: "ETH" }, headers: asGuest(order) });
  expect(created.status()).toBe(201);
  const invoice = (await created.json()).invoice as { reference: Hex; payTo: Address; amountDue: string };
  const wallet = createWalletClient({ chain: anvil, transport, account: payer });
  const paid = await wallet.writeContract({ address: localDeployment.contracts.PaymentRouter, abi: paymentRouterAbi, functionName: "payNative", args: [invoice.reference, invoice.payTo], value: BigInt(invoice.amountDue) });
  expect((await chainClient.waitForTransactionReceipt({ hash: paid, pollingInterval: 20 })).status).toBe("success");
  await testClient.mine({ blocks: 1 });
  await expect.poll(async () => (await invoiceOf(request, order)).status, LIVE).toBe("SETTLED");
  await expect.poll(() => statusOf(request, order), LIVE).toBe("QUEUED");
  await cancel(request, order);
  const before = await chainClient.getBalance({ address: payer.address });

  // The manager finds it among the cancelled orders.
  await page.goto(`/manager/${SLUG}/orders`);
  await signInAsManager(page);
  await page.getByRole("navigation", { name: "Which orders" }).getByRole("link", { name: "Cancelled" }).click();
  const row = page.getByRole("row", { name: `Order ${order.pickupCode} for ${name}` });
  await row.getByRole("link", { name: "Refund" }).click();

  const refund = page.getByRole("region", { name: "Refund" });
  await expect(refund).toContainText(/Sends [\d.]+ ETH on Anvil from the shop’s wallet/, LIVE);
  await expectNoSeriousViolations(page, "the refund screen");
  await refund.getByRole("button", { name: "Connect the shop’s wallet" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Test wallet/ }).click({ timeout: 20_000 });
  await refund.getByRole("button", { name: /^Refund [\d.]+ ETH$/ }).click();
  await expect(refund.getByRole("status")).toContainText(/^Refunded/, LIVE);
  await expect(refund).toContainText(/Transaction 0x[0-9a-f]{64}/);
  await expect(page.getByText("Status: refunded")).toBeVisible(LIVE);
  await expectNoSeriousViolations(page, "the refunded order");

  // The payer has exactly the amount back; the app recorded it.
  expect((await chainClient.getBalance({ address: payer.address })) - before).toBe(BigInt(invoice.amountDue));
  expect(await statusOf(request, order)).toBe("REFUNDED");
  expect((await invoiceOf(request, order)).status).toBe("REFUNDED");

  // The list says so too, and offers no second refund.
  await page.goto(`/manager/${SLUG}/orders?show=cancelled`);
  await expect(row).toContainText("Refunded");
  await expect(row.getByRole("link", { name: "Refund" })).toHaveCount(0);
});

test("a cancelled pay-at-pickup order says no money was taken", async ({ page, request }, testInfo) => {
  const name = `No money ${testInfo.project.name}`;
  const order = await placeOrder(request, name, "PAY_AT_PICKUP");
  await cancel(request, order);
  await page.goto(`/manager/${SLUG}/orders?show=cancelled`);
  await signInAsManager(page);
  const row = page.getByRole("row", { name: `Order ${order.pickupCode} for ${name}` });
  await expect(row).toContainText("No money taken", LIVE);
  await expectNoSeriousViolations(page, "the cancelled orders");
  await row.getByRole("link", { name: order.pickupCode }).click();
  await expect(page.getByRole("region", { name: "Refund" })).toContainText("No money taken: nothing to refund.");
});
