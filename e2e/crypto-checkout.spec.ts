import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { createPublicClient, createTestClient, createWalletClient, http, parseUnits, type Address, type Hex } from "viem";
import { anvil } from "viem/chains";
import { paymentRouterAbi, testStablecoinAbi } from "../lib/chain/abis.generated";
import { localDeployment } from "../lib/chain/deployments.local";

/**
 * The crypto checkout in the browser, against the shared anvil: a customer orders at SFO, chooses
 * Crypto, connects the "Test wallet" (wagmi's mock connector on anvil account #0, which anvil keeps
 * unlocked), pays in USDC (approve, then the router), follows the payment on the tracking page
 * (PROCESSING, then SETTLED after one more block), and the barista sees the ticket; an underpaid
 * invoice is finished with "Pay the rest"; a quote left unpaid expires and is renewed.
 * The test tokens have a public mint: the setup funds the accounts the way
 * e2e/crypto-payment.api.spec.ts does.
 */

const SHOP = "Go Coffee SFO Terminal 2";
const LIVE = { timeout: 15_000 };
const rpcUrl = process.env.CHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const transport = http(rpcUrl);
const chainClient = createPublicClient({ chain: anvil, transport });
const testClient = createTestClient({ chain: anvil, mode: "anvil", transport });
const { PaymentRouter: ROUTER, USDC, USDT } = localDeployment.contracts;
const TEST_WALLET: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil #0
const OTHER_PAYER: Address = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"; // anvil #5

const send = async (hash: Promise<Hex>) => chainClient.waitForTransactionReceipt({ hash: await hash, pollingInterval: 20 });

async function mint(token: Address, to: Address, amount: bigint) {
  const wallet = createWalletClient({ chain: anvil, transport, account: to });
  await send(wallet.writeContract({ address: token, abi: testStablecoinAbi, functionName: "mint", args: [to, amount] }));
}
const mintUsdc = (to: Address, amount: bigint) => mint(USDC, to, amount);

test.beforeAll(async () => {
  await mintUsdc(TEST_WALLET, parseUnits("1000", 6));
  await mint(USDT, TEST_WALLET, parseUnits("1000", 6));
});

/** Orders a latte (Medium, $6.25 + tax: below SFO's fast-lane threshold) with Crypto, up to the payment step. */
async function orderWithCrypto(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("region", { name: "Shops" }).getByRole("link", { name: SHOP }).click();
  await page.getByRole("button", { name: "Caffè latte" }).click();
  await page.getByRole("dialog", { name: "Caffè latte" }).getByRole("button", { name: "Add to cart — $6.25" }).click();
  await page.getByRole("button", { name: /^Cart/ }).click();
  await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await page.getByLabel("Name for pickup").fill(name);
  await page.getByRole("radio", { name: "Crypto wallet" }).check();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  // A guest's order: its link carries the tracking token, without which it opens for nobody.
  await expect(page).toHaveURL(/\/checkout\?order=[0-9a-f-]{36}&token=[\w-]{22}$/);
  const url = new URL(page.url());
  const id = url.searchParams.get("order")!;
  const token = url.searchParams.get("token")!;
  await expect(page.getByRole("heading", { name: /^Pay \$6\.\d\d with your wallet$/ })).toBeVisible(LIVE);
  return { id, tracking: `/orders/${id}?token=${token}`, invoiceApi: `/api/orders/${id}/invoice?token=${token}` };
}

async function chooseUsdc(page: Page) {
  const usdc = page.getByRole("radio", { name: "USDC on Anvil" });
  // The network fee estimate sits next to each choice.
  await expect(page.locator(`#${await usdc.getAttribute("id")}-description`)).toHaveText(/^Network fee ≈ \$\d+\.\d\d/);
  await usdc.check();
  await expect(page.getByText(/^6\.\d+ USDC$/).first()).toBeVisible(LIVE);
  await expect(page.getByRole("timer", { name: "Price held for" })).toHaveText(/^1[45]:\d\d$/);
  await expect(page.getByRole("img", { name: /^QR code: 2\. Pay 6\.\d+ USDC$/ })).toBeVisible();
}

async function connectTestWallet(page: Page) {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Test wallet/ }).click({ timeout: 20_000 });
  await expect(page.getByText("0xf39F…2266")).toBeVisible(LIVE);
}

/** The tracking page's address, token included. */
const trackingUrl = (order: { tracking: string }) => new RegExp(`${order.tracking.replace(/[?]/g, "\\?")}$`);

const paymentBadge = (page: Page) => page.getByRole("region", { name: "Payment" }).getByRole("status");

test("a customer pays in USDC with the Test wallet, follows PROCESSING then SETTLED, and the barista gets the ticket", { tag: "@phone" }, async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000); // the shared 2-core machine: wallet stack, two transactions, workers
  const name = testInfo.project.name === "desktop" ? "Hal Finney" : "Nick Szabo";
  const order = await orderWithCrypto(page, name);
  await chooseUsdc(page);
  await connectTestWallet(page);
  await page.getByRole("button", { name: /^Pay 6\.\d+ USDC$/ }).click();

  await expect(page).toHaveURL(trackingUrl(order), LIVE);
  // SFO wants 2 confirmations: the payment's block is the first, so it stays PROCESSING until the
  // next block. The order is below SFO's fast-lane amount: it joins the queue already.
  await expect(paymentBadge(page)).toHaveText("Payment status: PROCESSING", LIVE);
  await expect(page.getByText("Status: In the queue")).toBeVisible(LIVE);

  const barista = await (await browser.newContext({ baseURL })).newPage();
  await barista.goto("/barista");
  await barista.getByLabel("Email").fill("barista@gocoffee.test");
  await barista.getByLabel("Password").fill("espresso-barista");
  await barista.getByRole("button", { name: "Sign in", exact: true }).click();
  await barista.getByRole("link", { name: new RegExp(SHOP) }).click();
  const ticket = barista.getByRole("region", { name: "Queued", exact: true }).getByRole("article", { name: new RegExp(`^${name} `) });
  await expect(ticket).toBeVisible(LIVE);
  await expect(ticket).toContainText("Caffè latte");
  await expect(ticket).toContainText("Fast lane · payment confirming");

  // The second confirmation settles it: the customer's page and the ticket both follow, live.
  await testClient.mine({ blocks: 1 });
  await expect(paymentBadge(page)).toHaveText("Payment status: SETTLED", LIVE);
  await expect(ticket).toContainText("Paid · crypto", LIVE);
});

test("the Test wallet pays in ETH (no approval) and in USDT (approve first) as well", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(120_000); // the shared 2-core machine: wallet stack, three transactions, workers
  for (const [token, amount] of [["ETH", /^0\.00\d+ ETH$/], ["USDT", /^6\.\d+ USDT$/]] as const) {
    // A fresh browser each time: a wallet connected once would reconnect by itself.
    const page = await (await browser.newContext({ baseURL })).newPage();
    const order = await orderWithCrypto(page, `${token} ${testInfo.project.name}`);
    await page.getByRole("radio", { name: `${token} on Anvil` }).check();
    await expect(page.getByText(amount).first()).toBeVisible(LIVE);
    await connectTestWallet(page);
    await page.getByRole("button", { name: new RegExp(`^Pay [\\d.]+ ${token}$`) }).click();
    await expect(page).toHaveURL(trackingUrl(order), LIVE);
    await expect(paymentBadge(page)).toHaveText("Payment status: PROCESSING", LIVE);
    await testClient.mine({ blocks: 1 });
    await expect(paymentBadge(page)).toHaveText("Payment status: SETTLED", LIVE);
    const invoice = (await (await page.request.get(order.invoiceApi)).json()).invoice as { token: string; amountPaid: string; amountDue: string };
    expect(invoice).toMatchObject({ token, amountPaid: invoice.amountDue });
    await page.context().close();
  }
});

test("an underpayment shows PARTIAL and Pay the rest finishes it with the Test wallet", async ({ page }, testInfo) => {
  test.setTimeout(120_000); // the shared 2-core machine: wallet stack, two transactions, workers
  const order = await orderWithCrypto(page, testInfo.project.name === "desktop" ? "Wei Dai" : "Adam Back");
  await chooseUsdc(page);
  const invoice = (await (await page.request.get(order.invoiceApi)).json()).invoice as { reference: Hex; payTo: Address; amountDue: string };

  // Someone pays all but 2 USDC from another wallet (the QR code's path).
  const short = BigInt(invoice.amountDue) - parseUnits("2", 6);
  await mintUsdc(OTHER_PAYER, short);
  const other = createWalletClient({ chain: anvil, transport, account: OTHER_PAYER });
  await send(other.writeContract({ address: USDC, abi: testStablecoinAbi, functionName: "approve", args: [ROUTER, short] }));
  await send(other.writeContract({ address: ROUTER, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, USDC, short, invoice.payTo] }));

  await page.goto(order.tracking);
  await expect(paymentBadge(page)).toHaveText("Payment status: PARTIAL", LIVE);
  await expect(page.getByRole("region", { name: "Payment" })).toContainText("2 USDC is left to pay");
  await page.getByRole("link", { name: "Pay the rest" }).click();

  await expect(page.getByLabel("Left to pay: 2 USDC")).toBeVisible(LIVE);
  await connectTestWallet(page);
  await page.getByRole("button", { name: "Pay 2 USDC" }).click();
  await expect(page).toHaveURL(trackingUrl(order), LIVE);
  await expect(paymentBadge(page)).toHaveText(/Payment status: (PROCESSING|SETTLED)/, LIVE);
});

test("a price left unpaid expires, and Get a new price holds a fresh one", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const order = await orderWithCrypto(page, testInfo.project.name === "desktop" ? "Len Sassaman" : "Wei Lu");
  await chooseUsdc(page);
  const first = (await (await page.request.get(order.invoiceApi)).json()).invoice as { id: string };

  // Fifteen minutes pass without a payment: the quote's expiry is moved into the past in the
  // database (the server's truth, which the page polls) instead of waiting for it.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("UPDATE invoices SET expires_at = now() - interval '1 second' WHERE id = $1", [first.id]);
  } finally {
    await client.end();
  }

  const alert = page.getByRole("alert").filter({ hasText: "This price has expired. Get a new price to pay." });
  await expect(alert).toBeVisible(LIVE);
  await expect(page.getByRole("button", { name: /^Pay .* USDC$/ })).toHaveCount(0);
  await alert.getByRole("button", { name: "Get a new price" }).click();

  await expect(page.getByRole("timer", { name: "Price held for" })).toHaveText(/^1[45]:\d\d$/, LIVE);
  const second = (await (await page.request.get(order.invoiceApi)).json()).invoice as { id: string; status: string };
  expect(second.id).not.toBe(first.id);
  expect(second.status).toBe("NEW");
});
