import type { Context, MiddlewareFn } from "grammy";
import type { RateLimiter, RateLimitRule } from "@/lib/security/rate-limit";

/**
 * Per-chat limits for the bot (Redis, shared by every bot process and the webhook route): a chat
 * may send so many updates (messages and button presses) and place so many orders per minute.
 * Past the limit the update is dropped with one polite reply per minute (a flood gets one answer,
 * not one per message, so the bot is never made to flood back).
 */

export const CHAT_MESSAGES: RateLimitRule = { name: "telegram-chat-messages", limit: 30, windowMs: 60_000 };
export const CHAT_ORDERS: RateLimitRule = { name: "telegram-chat-orders", limit: 3, windowMs: 60_000 };
const CHAT_NOTICES: RateLimitRule = { name: "telegram-chat-notices", limit: 1, windowMs: 60_000 };

export type ChatLimits = { messages: RateLimitRule; orders: RateLimitRule };
export const DEFAULT_CHAT_LIMITS: ChatLimits = { messages: CHAT_MESSAGES, orders: CHAT_ORDERS };

export function slowDownMessage(retryAfterMs: number, what: "messages" | "orders"): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds >= 60 ? "a minute" : `${seconds} seconds`;
  return what === "orders"
    ? `That is a lot of orders in a minute! Please wait ${wait} before placing another one.`
    : `You are faster than our espresso machine! Please wait ${wait} and send that again.`;
}

/** Drops a chat's updates past `rule` per minute; answers once per minute while it does. */
export function chatRateLimit(limiter: RateLimiter, rule: RateLimitRule): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const chat = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
    if (chat === undefined) return next();
    const state = await limiter.consume(rule, String(chat));
    if (state.allowed) return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if ((await limiter.consume(CHAT_NOTICES, String(chat))).allowed) await ctx.reply(slowDownMessage(state.retryAfterMs, "messages"));
  };
}

/** One order placement for this chat (`release` it when the press turned out to repeat an order), or the polite refusal. */
export async function takeOrderSlot(limiter: RateLimiter, rule: RateLimitRule, chat: number): Promise<{ ok: true; release(): Promise<void> } | { ok: false; message: string }> {
  const state = await limiter.consume(rule, String(chat));
  if (!state.allowed || !state.token) return { ok: false, message: slowDownMessage(state.retryAfterMs, "orders") };
  const token = state.token;
  return { ok: true, release: () => limiter.release(rule, String(chat), token) };
}
