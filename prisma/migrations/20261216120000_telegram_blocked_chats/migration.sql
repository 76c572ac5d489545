-- Chats that blocked the bot (Telegram answered 403): nothing more is recorded for them until the
-- chat writes to the bot again (lib/integrations/telegram/blocked.ts).
CREATE TABLE "telegram_blocked_chats" (
    "chat_id" BIGINT NOT NULL,
    "blocked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    CONSTRAINT "telegram_blocked_chats_pkey" PRIMARY KEY ("chat_id")
);
