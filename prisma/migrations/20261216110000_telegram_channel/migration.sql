-- The Telegram bot's messages (order and payment status, agents' alerts) go through the delivery
-- engine like mail: one platform channel row of this kind (lib/integrations/telegram/channel.ts).
ALTER TYPE "IntegrationKind" ADD VALUE 'TELEGRAM';
