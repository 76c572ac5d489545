import { Bot, InlineKeyboard, InputFile, type Context } from "grammy";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { DomainError } from "@/lib/errors";
import { getShopMenu } from "@/lib/catalog/menu";
import type { MenuProduct } from "@/lib/catalog/types";
import { answerQuestion } from "@/lib/agents/assistant/answer";
import type { AgentModel } from "@/lib/agents/core/provider";
import { placeOrder } from "@/lib/orders/place-order";
import { trackingPath } from "@/lib/orders/links";
import type { RateLimiter } from "@/lib/security/rate-limit";
import { money } from "../slack/messages";
import { chatRateLimit, DEFAULT_CHAT_LIMITS, takeOrderSlot, type ChatLimits } from "./limits";
import type { Draft, DraftStore } from "./drafts";
import { clearChatBlocked, markChatBlocked } from "./blocked";
import { chatAccount, redeemLinkCode, unlinkChat } from "./link";
import { invoiceMessage, paymentQrPng, type BotPayments } from "./pay";

/**
 * The Telegram bot (grammY): `/menu` → a shop → a product → one choice per single-choice option
 * group (size, milk…) → "Place order", all with inline keyboards. The order goes through the
 * same `placeOrder` as the web (as the linked account, link.ts, else as a guest capped per chat), with the idempotency key
 * `tg:<chat>:<message>` of the message whose button was pressed: pressing "Place order" twice
 * (or Telegram redelivering the press) places one order. The reply carries the pickup code and the
 * tracking link; lib/integrations/telegram/notify.ts sends "ready" when the barista marks it.
 *
 * "Pay with USDC on …" places it as a crypto order instead and answers with its invoice (pay.ts).
 * Every chat is limited per minute in updates and in placements (limits.ts). `/link <code>` and
 * `/unlink` tie the chat to an account (link.ts); any other text goes to the assistant
 * (lib/agents/assistant).
 *
 * Callback data are short codes (Telegram allows 64 bytes): `s:<shop>`, `p:<product>`,
 * `o:<group>:<option>`, `place`, `c:<chain id>:<token>`. The chat's draft is in Redis (drafts.ts),
 * so any instance of the bot can take the chat's next update.
 */

export type BotOptions = {
  db: Db;
  token: string;
  apiRoot: string;
  appUrl: string;
  log: Logger;
  limiter: RateLimiter;
  /** Where chats' unfinished orders are kept (drafts.ts: Redis, shared by the instances). */
  drafts: DraftStore;
  limits?: ChatLimits;
  /** The assistant's model (lib/agents/core/provider.ts); null = it answers by its rules, and says so. */
  model?: AgentModel;
  /** Crypto payment from the bot; without it the bot offers pay at pickup only. */
  payments?: BotPayments;
  maxOpenOrdersPerChat?: number;
};

export function createTelegramBot(opts: BotOptions): Bot {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot } });
  const drafts = opts.drafts;
  // One failed update is logged and answered; it never stops the bot (grammY's default would).
  bot.catch(async (err) => {
    opts.log.error({ err: err.error, updateId: err.ctx.update.update_id }, "telegram update failed");
    await err.ctx.reply("Sorry, something went wrong on our side. Please try /menu again.").catch(() => undefined);
  });
  const limits = opts.limits ?? DEFAULT_CHAT_LIMITS;
  bot.use(chatRateLimit(opts.limiter, limits.messages));
  // A chat that blocked the bot (blocked.ts) and now writes to it has unblocked it; Telegram also
  // says so itself, in the chat's my_chat_member updates (the bot "kicked" from a private chat or a member again).
  bot.on("my_chat_member", async (ctx) => {
    const { status } = ctx.myChatMember.new_chat_member;
    if (status === "kicked" || status === "left") await markChatBlocked(opts.db, String(ctx.chat.id), `the bot's status in the chat became "${status}"`);
    else await clearChatBlocked(opts.db, ctx.chat.id);
  });
  bot.use(async (ctx, next) => {
    if (ctx.chat) await clearChatBlocked(opts.db, ctx.chat.id);
    await next();
  });
  const keyboard = (buttons: [label: string, data: string][]) => InlineKeyboard.from(buttons.map(([label, data]) => [InlineKeyboard.text(label, data)]));

  const shopKeyboard = async () => {
    const shops = await opts.db.shop.findMany({ where: { active: true }, select: { slug: true, name: true }, orderBy: { name: "asc" }, take: 20 });
    return keyboard(shops.map((s) => [s.name, `s:${s.slug}`]));
  };

  bot.command(["start", "menu"], async (ctx) => {
    await drafts.delete(ctx.chat.id);
    await ctx.reply("Which shop are you ordering from?", { reply_markup: await shopKeyboard() });
  });

  // Linking the chat to an account with the one-time code from the account page (link.ts).
  bot.command("link", async (ctx) => {
    const code = ctx.match.trim();
    const account = new URL("/account", opts.appUrl).toString();
    if (!code) return ctx.reply(`To order as your Go Coffee account (your beans, your order history): open ${account}, press "Get a Telegram code", and send /link followed by the code here.`);
    try {
      const { userName } = await redeemLinkCode({ db: opts.db, limiter: opts.limiter }, ctx.chat.id, code);
      await ctx.reply(`Linked: this chat now orders as ${userName}. Your orders here earn beans and show in My orders. Send /unlink to stop.`);
    } catch (error) {
      if (error instanceof DomainError) return ctx.reply(`Sorry, that did not work: ${error.message}`);
      throw error;
    }
  });
  bot.command("unlink", async (ctx) => {
    await ctx.reply((await unlinkChat(opts.db, ctx.chat.id)) ? "This chat is no longer linked to your account; it orders as a guest now." : "This chat is not linked to an account.");
  });

  bot.callbackQuery(/^s:([a-z0-9-]{1,60})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const slug = ctx.match[1]!;
    const menu = await getShopMenu(opts.db, slug);
    if (!menu) return ctx.reply("That shop is not open for orders any more. /menu");
    await drafts.set(chatOf(ctx), { shop: slug, options: {}, asked: [] });
    const products = menu.categories.flatMap((c) => c.products).filter((p) => p.available);
    await ctx.reply(`${menu.shop.name}: what would you like?`, { reply_markup: keyboard(products.map((p) => [`${p.name} · ${money(p.priceCents, menu.shop.currency)}`, `p:${p.slug}`])) });
  });

  bot.callbackQuery(/^p:([a-z0-9-]{1,60})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = await drafts.get(chatOf(ctx));
    if (!draft) return ctx.reply("Start with /menu.");
    const next = { shop: draft.shop, product: ctx.match[1]!, options: {}, asked: [] };
    await drafts.set(chatOf(ctx), next);
    await askNextOrConfirm(ctx, next);
  });

  // o:<group>:<option> chooses; o:<group>:- (optional groups only) chooses nothing.
  bot.callbackQuery(/^o:([a-z0-9-]{1,40}):([a-z0-9-]{1,40})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const draft = await drafts.get(chatOf(ctx));
    if (!draft?.product) return ctx.reply("Start with /menu.");
    const [group, option] = [ctx.match[1]!, ctx.match[2]!];
    if (option === "-") delete draft.options[group];
    else draft.options[group] = [option];
    if (!draft.asked.includes(group)) draft.asked.push(group);
    await drafts.set(chatOf(ctx), draft);
    await askNextOrConfirm(ctx, draft);
  });

  bot.callbackQuery("place", (ctx) => place(ctx, null));
  bot.callbackQuery(/^c:(\d{1,12}):([A-Z]{2,10})$/, (ctx) => {
    const choice = opts.payments?.choices.find((c) => c.chainId === Number(ctx.match[1]) && c.token === ctx.match[2]);
    return choice ? place(ctx, { chainId: choice.chainId, token: choice.token }) : ctx.answerCallbackQuery({ text: "That way to pay is not offered any more." });
  });

  /** Places the chat's draft: pay at pickup (`choice` null) or in crypto with the invoice at once. */
  async function place(ctx: Context, choice: { chainId: number; token: string } | null) {
    await ctx.answerCallbackQuery();
    const chatId = chatOf(ctx);
    const draft = await drafts.get(chatId);
    const messageId = ctx.callbackQuery?.message?.message_id;
    if (!draft?.product || !messageId) return ctx.reply("Start with /menu.");
    const slot = await takeOrderSlot(opts.limiter, limits.orders, chatId);
    if (!slot.ok) return ctx.reply(slot.message);
    try {
      // A linked chat orders as its account (beans, My orders); any other as a capped guest.
      const account = await chatAccount(opts.db, chatId);
      const { order, created } = await placeOrder(
        opts.db,
        { shop: draft.shop, customerName: (account?.name || ctx.from?.first_name || "Telegram").slice(0, 40), paymentMethod: choice ? "CRYPTO" : "PAY_AT_PICKUP", items: [{ product: draft.product, quantity: 1, options: draft.options }] },
        { idempotencyKey: `tg:${chatId}:${messageId}`, ...(account ? { userId: account.id } : { guestCap: { client: `telegram:${chatId}`, maxOpen: opts.maxOpenOrdersPerChat ?? 5 } }) },
      );
      // A repeated press answers with the same order: it does not count as another placement.
      if (!created) await slot.release();
      await opts.db.telegramOrder.upsert({ where: { orderId: order.id }, create: { orderId: order.id, chatId: BigInt(chatId) }, update: {} });
      // The draft stays: pressing this message's button again answers with the same order.
      const link = new URL(trackingPath(order), opts.appUrl).toString();
      if (order.status === "PENDING_PAYMENT" && choice && opts.payments) {
        const { invoice } = await opts.payments.createInvoice(order.id, choice);
        await ctx.reply(invoiceMessage(invoice, order.pickupCode, link));
        if (invoice.payWith) await ctx.replyWithPhoto(new InputFile(await paymentQrPng(invoice.payWith.pay), "pay.png"), { caption: `Scan with your wallet: ${invoice.display.remaining} on ${invoice.chainName}` });
        return;
      }
      await ctx.reply(`Order placed: ${money(order.totalCents, order.currency)}, pay at pickup.\nYour pickup code: ${order.pickupCode}\nTrack it: ${link}\nI will message you when it is ready.`);
    } catch (error) {
      if (error instanceof DomainError) return ctx.reply(`Sorry, that did not work: ${error.message}`);
      throw error;
    }
  }

  // Free text: the assistant answers about the shop the chat is ordering from (or last ordered
  // from; else the first shop), from the menu, the hours and the chat's own orders.
  bot.on("message:text", async (ctx) => {
    const chatId = ctx.chat.id;
    const recent = await opts.db.telegramOrder.findMany({ where: { chatId: BigInt(chatId) }, orderBy: { createdAt: "desc" }, take: 3, select: { orderId: true } });
    const orders = await opts.db.order.findMany({ where: { id: { in: recent.map((r) => r.orderId) } }, orderBy: { placedAt: "desc" }, select: { pickupCode: true, status: true, placedAt: true, shop: { select: { slug: true, name: true } } } });
    const slug = (await drafts.get(chatId))?.shop ?? orders[0]?.shop.slug ?? (await opts.db.shop.findFirst({ where: { active: true }, orderBy: { name: "asc" }, select: { slug: true } }))?.slug;
    const menu = slug ? await getShopMenu(opts.db, slug) : null;
    if (!menu) return ctx.reply("Send /menu to order.");
    const facts = { menu, now: new Date(), orders: orders.map((o) => ({ pickupCode: o.pickupCode, status: o.status, shopName: o.shop.name, placedAt: o.placedAt })) };
    const { text, decision } = await answerQuestion(opts.model ?? null, facts, ctx.message.text);
    if (decision.outcome === "FALLBACK") opts.log.warn({ chat: chatId, error: decision.error }, "assistant model answer refused; answered by rules");
    await ctx.reply(text);
  });
  bot.on("message", (ctx) => ctx.reply("Send /menu to order."));

  async function askNextOrConfirm(ctx: Context, draft: Draft) {
    const menu = await getShopMenu(opts.db, draft.shop);
    const product = menu?.categories.flatMap((c) => c.products).find((p) => p.slug === draft.product);
    if (!menu || !product) return ctx.reply("That item is gone from the menu. /menu");
    const next = singleChoiceGroups(product).find((g) => !draft.asked.includes(g.slug));
    if (next) {
      const choices: [string, string][] = next.options.filter((o) => o.available).map((o) => [o.priceDeltaCents ? `${o.name} +${money(o.priceDeltaCents, menu.shop.currency)}` : o.name, `o:${next.slug}:${o.slug}`]);
      if (next.minSelect === 0) choices.unshift(["No, thanks", `o:${next.slug}:-`]);
      return ctx.reply(`${product.name}: ${next.name.toLowerCase()}?`, { reply_markup: keyboard(choices) });
    }
    const chosen = Object.entries(draft.options).map(([g, [o]]) => product.optionGroups.find((x) => x.slug === g)?.options.find((x) => x.slug === o)?.name ?? o).join(", ");
    const total = product.priceCents + Object.entries(draft.options).reduce((sum, [g, [o]]) => sum + (product.optionGroups.find((x) => x.slug === g)?.options.find((x) => x.slug === o)?.priceDeltaCents ?? 0), 0);
    const buttons: [string, string][] = [["Place order", "place"], ...(opts.payments?.choices ?? []).map((c): [string, string] => [c.label, `c:${c.chainId}:${c.token}`])];
    await ctx.reply(`${product.name}${chosen ? ` (${chosen})` : ""}: ${money(total, menu.shop.currency)} before tax. ${opts.payments?.choices.length ? "Place the order (pay at pickup), or pay now in crypto?" : "Place the order?"}`, { reply_markup: keyboard(buttons) });
  }

  return bot;
}

/** Groups asked one button at a time: single choice (size, milk). Extras with several choices keep their defaults. */
function singleChoiceGroups(product: MenuProduct) {
  return product.optionGroups.filter((g) => g.maxSelect === 1 && g.options.some((o) => o.available));
}

function chatOf(ctx: Context): number {
  const id = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
  if (id === undefined) throw new Error("update without a chat");
  return id;
}
