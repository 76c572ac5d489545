import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { Adapter, Failure } from "../adapter";
import { paymentQrPng } from "./pay";
import type { TelegramMessage } from "./channel";

/** The channel has no per-connection settings: the bot is TELEGRAM_BOT_TOKEN. */
export type TelegramConfig = Record<string, never>;
export type TelegramAdapter = Adapter<TelegramConfig, TelegramMessage>;

/**
 * The delivery engine's adapter for the bot's messages: sends one recorded message with grammY
 * (the pickup QR as a photo with its caption, or text) and returns `<chat id>:<message id>`.
 * `onBlocked` hears of a chat Telegram answered 403 for (blocked.ts marks it), before the failure
 * goes back to the engine.
 */
export function telegramAdapter(api: Pick<Api, "sendMessage" | "sendPhoto" | "getMe">, onBlocked?: (chatId: string, reason: string) => Promise<void>): TelegramAdapter {
  return {
    async verify() {
      const me = await api.getMe();
      return { ok: true, label: `@${me.username}` };
    },
    async send(_credential, _config, message) {
      const chatId = Number(message.chatId);
      try {
        const sent = message.pickupQr
          ? await api.sendPhoto(chatId, new InputFile(await paymentQrPng(message.pickupQr), "pickup.png"), { caption: message.text })
          : await api.sendMessage(chatId, message.text, { link_preview_options: { is_disabled: true } });
        return `${message.chatId}:${sent.message_id}`;
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 403) await onBlocked?.(message.chatId, error.description);
        throw error;
      }
    },
    classify: classifyTelegramError,
  };
}

/**
 * What a failed send means, from the Bot API's answer:
 * - 401/404 on the bot itself (the token refused): credential — the channel is held until
 *   TELEGRAM_BOT_TOKEN is fixed and the worker restarted (held messages then go out);
 * - 403 (the person blocked the bot, left or deleted the chat): permanent (and the chat marked, so
 *   nothing more is recorded for it); other 400s (chat not found, a message Telegram will not
 *   take): permanent, for this message only;
 * - 429: transient, after the `retry_after` Telegram gives; 5xx and network errors: transient.
 */
export function classifyTelegramError(error: unknown): Failure {
  if (error instanceof GrammyError) {
    const said = `${error.error_code} ${error.description}`;
    if (error.error_code === 401 || error.error_code === 404) return { kind: "credential", reason: `Telegram refused the bot's token (${said}). Fix TELEGRAM_BOT_TOKEN and restart the Telegram worker: held messages are then sent.` };
    if (error.error_code === 403) return { kind: "permanent", reason: `The chat does not take the bot's messages (${said}): they blocked the bot or left the chat` };
    if (error.error_code === 429) return { kind: "transient", reason: `Telegram asked us to slow down (${said})`, ...(error.parameters.retry_after ? { retryAfterMs: error.parameters.retry_after * 1000 } : {}) };
    if (error.error_code >= 500) return { kind: "transient", reason: `Telegram failed (${said})` };
    return { kind: "permanent", reason: `Telegram will not take this message (${said})` };
  }
  if (error instanceof HttpError) return { kind: "transient", reason: `Telegram could not be reached: ${error.message}` };
  return { kind: "transient", reason: `Sending to Telegram failed: ${error instanceof Error ? error.message : String(error)}` };
}
