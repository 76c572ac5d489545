import { randomUUID } from "node:crypto";
import type { Bot } from "grammy";
import { Redis } from "ioredis";
import type { KafkaMessage } from "kafkajs";
import { createPublicClient, createTestClient, createWalletClient, http, parseUnits, type Hex, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRouterAbi, testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { handleMessage } from "@/lib/kafka/consumer";
import { encodeEnvelope } from "@/lib/kafka/envelope";
import { childLogger } from "@/lib/log";
import { readRound } from "@/lib/payments/feeds";
import { createInvoice, getInvoiceView } from "@/lib/payments/invoices";
import { PaymentWatcher } from "@/lib/payments/watcher";
import { createRateLimiter } from "@/lib/security/rate-limit";
import { seed } from "@/prisma/seed";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "@/scripts/testing/fake-telegram";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { createTelegramBot } from "./bot";
import { redisDraftStore } from "./drafts";
import { sendTelegramDeliveries } from "@/scripts/testing/telegram-deliveries";
import { TELEGRAM_NOTIFIER_CONSUMER, telegramNotifier } from "./notify";
import { paymentChoices } from "./pay";

/**
 * Paying in crypto from the bot, end to end: the real grammY bot against the fake Bot API, the
 * invoice from lib/payments on a private anvil (the watcher test's set-up), a USDC payment through
 * the router, the payment watcher moving the invoice, and its events (as the consumer reads them
 * off Kafka) reaching the chat: "seen", then "settled".
 */

const db = createDb(env().DATABASE_URL, 4);
const redis = new Redis(env().REDIS_URL);
const CHAT = 7001;
const SFO = "sfo-terminal-2";
const { PaymentRouter: ROUTER, USDC } = localDeployment.contracts;
const PAYER = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
let chain: PrivateAnvil;
let client: PublicClient;
let telegram: FakeTelegram;
let bot: Bot;
let polling: Promise<void>;

const buttons = (m: SentMessage) => m.reply_markup?.inline_keyboard?.flat().map((b) => b.text) ?? [];

beforeAll(async () => {
  chain = await startPrivateAnvil();
  const transport = http(chain.rpcUrl);
  client = createPublicClient({ chain: anvil, transport }) as PublicClient;
  await deployLocalContracts(chain.rpcUrl);
  await seed(db, { historyDays: 0 });
  await db.shop.update({ where: { slug: SFO }, data: { fastLaneMaxCents: 0, requiredConfirmations: 2 } });
  const wallet = createWalletClient({ chain: anvil, transport, account: PAYER });
  for (const hash of [
    await wallet.writeContract({ chain: anvil, account: PAYER, address: USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER.address, parseUnits("1000", 6)] }),
    await wallet.writeContract({ chain: anvil, account: PAYER, address: USDC, abi: testStablecoinAbi, functionName: "approve", args: [ROUTER, parseUnits("1000", 6)] }),
  ])
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });

  telegram = await startFakeTelegram();
  bot = createTelegramBot({
    db,
    token: telegram.token,
    apiRoot: telegram.url,
    appUrl: "http://localhost:3000",
    log: childLogger("telegram-pay-test"),
    limiter: createRateLimiter(redis, `test:${randomUUID()}:`),
    drafts: redisDraftStore(redis, `test:${randomUUID()}:`),
    payments: {
      choices: paymentChoices([anvil.id]),
      createInvoice: (orderId, input) => createInvoice(db, orderId, input, { enabledChains: [anvil.id], ttlSeconds: 900, readRound: (_id, feed) => readRound(client, feed) }),
    },
  });
  polling = bot.start({ timeout: 1 });
});
afterAll(async () => {
  await bot?.stop();
  await polling;
  await telegram?.close();
  await chain?.stop();
  await db.$disconnect();
  redis.disconnect();
});

describe("Telegram bot: pay in crypto", () => {
  it("offers the chain's tokens, sends the invoice's EIP-681 link, QR and web payment step, and reports PROCESSING then SETTLED", async () => {
    telegram.sendText(CHAT, "/menu");
    telegram.press(CHAT, (await telegram.waitFor((m) => m.text.includes("Which shop"))).message_id, "Go Coffee SFO Terminal 2");
    const menu = await telegram.waitFor((m) => m.text.includes("what would you like"));
    telegram.press(CHAT, menu.message_id, buttons(menu).find((b) => b.startsWith("Caffè latte"))!);
    let question = await telegram.waitFor((m) => m.text.startsWith("Caffè latte"));
    while (!question.text.includes("Place the order")) {
      telegram.press(CHAT, question.message_id, buttons(question).includes("No, thanks") ? "No, thanks" : buttons(question)[0]!);
      question = await telegram.waitFor((m) => m.text.startsWith("Caffè latte"));
    }
    expect(question.text).toMatch(/Place the order \(pay at pickup\), or pay now in crypto\?$/);
    expect(buttons(question)).toEqual(["Place order", "Pay with ETH on Anvil", "Pay with USDC on Anvil", "Pay with USDT on Anvil"]);

    telegram.press(CHAT, question.message_id, "Pay with USDC on Anvil");
    const placed = await telegram.waitFor((m) => m.text.startsWith("Order placed. Pay"));
    const link = await db.telegramOrder.findFirstOrThrow({ where: { chatId: BigInt(CHAT) } });
    const order = await db.order.findUniqueOrThrow({ where: { id: link.orderId } });
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", paymentMethod: "CRYPTO", idempotencyKey: `tg:${CHAT}:${question.message_id}` });
    const invoice = (await getInvoiceView(db, order.id))!;
    expect(invoice).toMatchObject({ status: "NEW", token: "USDC", chainId: anvil.id, amountCents: order.totalCents });
    expect(placed.text).toContain(`Pay ${invoice.display.remaining} on Anvil within 15 minutes`);
    expect(placed.text).toContain(`Your pickup code: ${order.pickupCode}`);
    expect(placed.text).toContain(`Pay in the browser with your wallet: http://localhost:3000/orders/${order.id}?token=${order.trackingToken}`);
    expect(placed.text).toContain(invoice.payWith!.approve!);
    expect(placed.text).toContain(invoice.payWith!.pay);
    expect(invoice.payWith!.pay).toMatch(new RegExp(`^ethereum:${ROUTER}@${anvil.id}/payToken\\?bytes32=${invoice.reference}&`));
    const qr = await telegram.waitFor((m) => m.photo !== undefined);
    expect(qr.chat_id).toBe(CHAT);
    expect(qr.text).toBe(`Scan with your wallet: ${invoice.display.remaining} on Anvil`);
    expect(qr.photo!.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // Pressing the same button again: the same order and invoice, not a second one.
    telegram.press(CHAT, question.message_id, "Pay with USDC on Anvil");
    await telegram.waitFor((m) => m.text.startsWith("Order placed. Pay"));
    expect(await db.telegramOrder.count({ where: { chatId: BigInt(CHAT) } })).toBe(1);
    expect(await db.invoice.count({ where: { orderId: order.id } })).toBe(1);

    // The customer pays on chain; the watcher sees it, then settles it after the second confirmation.
    const wallet = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: PAYER });
    const hash: Hex = await wallet.writeContract({ chain: anvil, account: PAYER, address: ROUTER, abi: paymentRouterAbi, functionName: "payToken", args: [invoice.reference, USDC, BigInt(invoice.amountDue), invoice.payTo] });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    const watcher = new PaymentWatcher({ db, client, chainId: anvil.id, router: ROUTER, startBlock: 0n, log: childLogger("telegram-pay-watcher") });
    await watcher.tick();
    await createTestClient({ chain: anvil, mode: "anvil", transport: http(chain.rpcUrl) }).mine({ blocks: 1 });
    await watcher.tick();
    expect((await getInvoiceView(db, order.id))!.status).toBe("SETTLED");

    // The watcher's events, as the notifier's consumer receives them from Kafka.
    const notify = { db, name: TELEGRAM_NOTIFIER_CONSUMER, log: childLogger("telegram-pay-test"), batch: telegramNotifier() };
    const events = await db.outboxEvent.findMany({ where: { key: order.id, type: "invoice.status_changed" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.payload as { to: string }).to)).toEqual(["PROCESSING", "SETTLED"]);
    for (const [i, e] of events.entries()) {
      const envelope = { id: e.id, type: e.type, occurredAt: e.occurredAt.toISOString(), key: e.key, version: e.version, payload: e.payload };
      const message = { key: Buffer.from(e.key), value: encodeEnvelope(envelope), offset: String(i), timestamp: String(Date.now()), attributes: 0, headers: {} } as KafkaMessage;
      expect(await handleMessage(notify, message, async () => undefined)).toBe("handled");
    }
    expect(await sendTelegramDeliveries(db, bot.api, [CHAT])).toEqual(["delivered", "delivered"]);
    expect(await telegram.waitFor((m) => m.text.startsWith("Payment for order"))).toMatchObject({ chat_id: CHAT, text: `Payment for order ${order.pickupCode} seen on chain: waiting for confirmations.` });
    expect(await telegram.waitFor((m) => m.text.startsWith("Payment for order"))).toMatchObject({ chat_id: CHAT, text: `Payment for order ${order.pickupCode} settled. Your order goes to the bar now.` });
  });
});
