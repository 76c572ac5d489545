import type { Db, Prisma } from "@/lib/db";
import { recordOnChannel, resumeChannel, type PlatformChannel } from "../platform-channel";

type Tx = Prisma.TransactionClient;

/**
 * The bot's messages in the delivery engine (lib/integrations/platform-channel.ts): order and
 * payment status to the chats that ordered, agents' alerts to linked chats. Recorded in the
 * consumers' transactions and sent by the Telegram worker's dispatcher, so a chat that blocked the
 * bot is one dead delivery with its reason in the log, not a consumer retrying the same batch
 * forever (and holding every other chat's messages); a redelivered event or a retried batch never
 * sends twice; Telegram's 429s are waited out; a refused bot token holds the channel until
 * TELEGRAM_BOT_TOKEN is fixed and the worker restarted.
 */
export const TELEGRAM_CHANNEL_ID = "019aee00-0000-7000-8000-0000000007e1";
const TELEGRAM_CHANNEL: PlatformChannel = { id: TELEGRAM_CHANNEL_ID, kind: "TELEGRAM", name: "Telegram bot", configuredBy: "configuration:TELEGRAM_BOT_TOKEN" };

/** At the Telegram worker's start: the token may have been fixed since Telegram refused it. */
export const resumeTelegramChannel = (db: Db) => resumeChannel(db, TELEGRAM_CHANNEL);

/** One message to one chat, as the delivery row keeps it. */
export type TelegramMessage = {
  chatId: string;
  text: string;
  /** Sent as the pickup QR (a photo) with `text` as its caption: the payload the barista's scanner reads. */
  pickupQr?: string;
  /** The admin's delivery log line: what it was and to which chat, not the text. */
  summary: string;
};

/** The last digits of a chat id, enough to tell chats apart in the log. */
export const maskChat = (chatId: string | bigint) => `…${String(chatId).slice(-4)}`;

/** Records one message for the Telegram worker's dispatcher inside the caller's transaction, once per key. */
export function recordTelegram(tx: Tx, input: { key: string; kind: string; shopId: string | null; message: TelegramMessage }): Promise<boolean> {
  return recordOnChannel(tx, TELEGRAM_CHANNEL, input);
}
