import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { createDb } from "@/lib/db";
import { clearChatBlocked, markChatBlocked } from "@/lib/integrations/telegram/blocked";
import { redeemLinkCode } from "@/lib/integrations/telegram/link";
import { createRateLimiter } from "@/lib/security/rate-limit";

/**
 * The account page's part of linking a Telegram chat: a customer gets a one-time code, the bot
 * spends it (here the bot's own redeem function, as `/link <code>` calls it), the page then lists
 * the chat; when the chat blocks the bot (marked as the bot's dispatcher marks it on Telegram's
 * 403) the page says so until the chat writes again; the customer unlinks it.
 */

test("a customer gets a Telegram code, the chat it links is listed, and they unlink it", async ({ page }, testInfo) => {
  const email = `tg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  await page.goto("/sign-up?callbackUrl=%2Faccount");
  await page.getByLabel("Name").fill(`Telly ${testInfo.project.name}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);

  const telegram = page.getByRole("region", { name: "Telegram" });
  await expect(telegram.getByText("No Telegram chat is linked.")).toBeVisible();
  await telegram.getByRole("button", { name: "Get a Telegram code" }).click();
  const status = telegram.getByRole("status");
  await expect(status).toContainText(/Your code: [A-Z2-9]{8}/);
  const code = /Your code: ([A-Z2-9]{8})/.exec((await status.textContent()) ?? "")![1]!;
  await expect(status).toContainText(`Send /link ${code} to the Go Coffee bot before`);

  const chatId = 900_000 + Math.floor(Math.random() * 99_999);
  const db = createDb(process.env.DATABASE_URL!, 1);
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const { userName } = await redeemLinkCode({ db, limiter: createRateLimiter(redis, `e2e:${chatId}:`) }, chatId, code);
    expect(userName).toBe(`Telly ${testInfo.project.name}`);

    await page.reload();
    const chats = page.getByRole("list", { name: "Linked Telegram chats" });
    await expect(chats.getByText(`Chat ${chatId}, linked`)).toBeVisible();
    await expect(chats.getByText(/blocked the bot/)).toHaveCount(0);

    await markChatBlocked(db, String(chatId), "Forbidden: bot was blocked by the user");
    await page.reload();
    await expect(chats.getByText(/This chat blocked the bot on .+: nothing is sent there\. Unblock the bot in Telegram and press Start/)).toBeVisible();
    await clearChatBlocked(db, chatId); // the chat wrote to the bot again
    await page.reload();
    await expect(chats.getByText(`Chat ${chatId}, linked`)).toBeVisible();
    await expect(chats.getByText(/blocked the bot/)).toHaveCount(0);

    await chats.getByRole("button", { name: `Unlink chat ${chatId}` }).click();
    await expect(telegram.getByText("No Telegram chat is linked.")).toBeVisible();
  } finally {
    await db.$disconnect();
    redis.disconnect();
  }
});
