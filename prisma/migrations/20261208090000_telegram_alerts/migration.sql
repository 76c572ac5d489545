-- The notifier's Telegram channel: when a manager's notification went to their linked chats.
ALTER TABLE "notifications" ADD COLUMN "telegram_sent_at" TIMESTAMPTZ(3);
