import { createHash, timingSafeEqual } from "node:crypto";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { readBodyWithin } from "@/lib/auth/auth-request";
import type { Logger } from "@/lib/log";

/**
 * Webhook mode (production): Telegram POSTs each update to our route with the secret we gave it
 * in setWebhook (`X-Telegram-Bot-Api-Secret-Token`). Nothing is read or parsed before that header
 * matches (constant-time, over hashes so the lengths never differ); bodies over 64 KB are refused
 * unread (a real update is a few KB). A failing update is logged and answered 200: Telegram would
 * otherwise redeliver it forever, and the bot already told the user something went wrong.
 */

export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function secretMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}

export type WebhookAnswer = { status: number; body: { ok: true } | { error: { code: string; message: string } } };

const refuse = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { error: { code, message } } });

/** `bot` is asked for only once the request is verified (it may call getMe the first time). */
export async function handleTelegramWebhook(bot: () => Promise<Pick<Bot, "handleUpdate" | "errorHandler">>, request: Request, secret: string, log: Logger): Promise<WebhookAnswer> {
  if (!secretMatches(secret, request.headers.get(SECRET_HEADER))) return refuse(401, "unauthorized", "Missing or wrong X-Telegram-Bot-Api-Secret-Token.");
  const text = await readBodyWithin(request, WEBHOOK_BODY_LIMIT_BYTES);
  if (text === null) return refuse(413, "invalid", `The update is too large: the limit is ${WEBHOOK_BODY_LIMIT_BYTES / 1024} KB.`);
  let update: unknown;
  try {
    update = JSON.parse(text);
  } catch {
    return refuse(400, "invalid", "The update is not valid JSON.");
  }
  if (typeof update !== "object" || update === null || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) return refuse(422, "invalid", "An update needs a numeric update_id.");
  const handler = await bot();
  try {
    await handler.handleUpdate(update as Update);
  } catch (error) {
    if (error instanceof BotError) await handler.errorHandler(error);
    else log.error({ err: error }, "telegram webhook update failed");
  }
  return { status: 200, body: { ok: true } };
}
