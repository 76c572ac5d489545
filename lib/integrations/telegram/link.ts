import { createHash, randomInt } from "node:crypto";
import type { Db } from "@/lib/db";
import { DomainError, RateLimited } from "@/lib/errors";
import { tooManyAttemptsMessage, type RateLimiter, type RateLimitRule } from "@/lib/security/rate-limit";
import { blockedChats } from "./blocked";

/**
 * Linking a Telegram chat to an account: the account page issues a one-time code (8 characters
 * from an alphabet without look-alikes, ~8·10¹¹ codes), valid for 10 minutes, stored only as its
 * SHA-256; `/link <code>` in the bot spends it once, atomically, and the chat's orders are the
 * account's from then on. A new code replaces the account's unused ones. Guessing is bounded per
 * chat (attempts that fail count; a right code does not) and codes per account per hour.
 */

export const LINK_CODE_TTL_MS = 10 * 60_000;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;
export const LINK_ATTEMPTS: RateLimitRule = { name: "telegram-link-attempts", limit: 5, windowMs: 15 * 60_000 };
export const LINK_CODES_PER_HOUR: RateLimitRule = { name: "telegram-link-codes", limit: 5, windowMs: 3_600_000 };

const hash = (code: string) => createHash("sha256").update(code).digest("hex");
/** As typed: case and spaces or dashes do not matter. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, "");

export async function issueLinkCode(deps: { db: Db; limiter: RateLimiter }, userId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  const state = await deps.limiter.consume(LINK_CODES_PER_HOUR, userId);
  if (!state.allowed) throw new RateLimited(tooManyAttemptsMessage(state.retryAfterMs), state.retryAfterMs);
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await deps.db.$transaction([
    deps.db.telegramLinkCode.deleteMany({ where: { userId, usedAt: null } }),
    deps.db.telegramLinkCode.create({ data: { userId, codeHash: hash(code), expiresAt } }),
  ]);
  return { code, expiresAt };
}

/** Spends `code` for `chatId`: the chat is linked to the code's account (re-linked if it was another's). */
export async function redeemLinkCode(deps: { db: Db; limiter: RateLimiter }, chatId: number, rawCode: string, now = new Date()): Promise<{ userName: string }> {
  const attempt = await deps.limiter.consume(LINK_ATTEMPTS, String(chatId));
  if (!attempt.allowed || !attempt.token) throw new RateLimited(tooManyAttemptsMessage(attempt.retryAfterMs), attempt.retryAfterMs);
  const code = normalizeCode(rawCode);
  const linked = code.length === CODE_LENGTH
    ? await deps.db.$transaction(async (tx) => {
        // One UPDATE decides: two chats sending the same code at once cannot both spend it.
        const [spent] = await tx.telegramLinkCode.updateManyAndReturn({ where: { codeHash: hash(code), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now }, select: { userId: true, user: { select: { name: true } } } });
        if (!spent) return null;
        await tx.telegramChat.upsert({ where: { chatId: BigInt(chatId) }, create: { chatId: BigInt(chatId), userId: spent.userId, linkedAt: now }, update: { userId: spent.userId, linkedAt: now } });
        return { userName: spent.user.name };
      })
    : null;
  if (!linked) throw new DomainError("invalid", "That code is not valid: it may be mistyped, expired or already used. Get a new one on your account page.");
  await deps.limiter.release(LINK_ATTEMPTS, String(chatId), attempt.token);
  return linked;
}

export async function unlinkChat(db: Db, chatId: number): Promise<boolean> {
  return (await db.telegramChat.deleteMany({ where: { chatId: BigInt(chatId) } })).count > 0;
}

/** The account a chat orders as, or null (a guest). */
export async function chatAccount(db: Db, chatId: number): Promise<{ id: string; name: string } | null> {
  const row = await db.telegramChat.findUnique({ where: { chatId: BigInt(chatId) }, select: { user: { select: { id: true, name: true } } } });
  return row?.user ?? null;
}

/** The chats linked to an account, for its page: with when a chat blocked the bot, if it did (blocked.ts). */
export async function linkedChats(db: Db, userId: string): Promise<{ chatId: string; linkedAt: Date; blockedAt: Date | null }[]> {
  const rows = await db.telegramChat.findMany({ where: { userId }, orderBy: { linkedAt: "asc" }, select: { chatId: true, linkedAt: true } });
  const blocked = await blockedChats(db, rows.map((r) => r.chatId));
  return rows.map((r) => ({ chatId: r.chatId.toString(), linkedAt: r.linkedAt, blockedAt: blocked.get(r.chatId.toString()) ?? null }));
}

export async function unlinkChatOfUser(db: Db, userId: string, chatId: string): Promise<void> {
  if (!/^-?\d{1,20}$/.test(chatId)) throw new DomainError("invalid", "That is not a chat id.");
  const { count } = await db.telegramChat.deleteMany({ where: { userId, chatId: BigInt(chatId) } });
  if (count === 0) throw new DomainError("not_found", "That chat is not linked to your account.");
}
