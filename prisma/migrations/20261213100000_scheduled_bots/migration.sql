-- Scheduled bots (DCA, rebalancing): at most one swap per period of clock time. Their trades,
-- intents and refusals are keyed by (bot, period) instead of (bot, opportunity).
ALTER TABLE "trading_bots" ADD COLUMN "every_seconds" INTEGER,
ADD COLUMN "dca_amount_usd_cents" INTEGER,
ADD COLUMN "target_usdc_bps" INTEGER,
ADD COLUMN "band_bps" INTEGER;

ALTER TABLE "trading_trades" ALTER COLUMN "opportunity_id" DROP NOT NULL,
ADD COLUMN "period" BIGINT,
ADD COLUMN "token_out" TEXT,
ADD COLUMN "venue" TEXT;
-- Every trade so far is a USDC round trip: what came back is USDC.
UPDATE "trading_trades" SET "token_out" = "token_in";
ALTER TABLE "trading_trades" ALTER COLUMN "token_out" SET NOT NULL;

ALTER TABLE "trade_intents" ALTER COLUMN "opportunity_id" DROP NOT NULL,
ADD COLUMN "period" BIGINT,
ADD COLUMN "venue" TEXT,
ADD COLUMN "token_in" TEXT,
ADD COLUMN "token_out" TEXT;

ALTER TABLE "guard_refusals" ADD COLUMN "period" BIGINT;

CREATE UNIQUE INDEX "trading_trades_bot_id_period_key" ON "trading_trades"("bot_id", "period");
CREATE UNIQUE INDEX "trade_intents_bot_id_period_key" ON "trade_intents"("bot_id", "period");
CREATE UNIQUE INDEX "guard_refusals_bot_id_period_key" ON "guard_refusals"("bot_id", "period");

-- An optional relation now: Prisma's default for it is ON DELETE SET NULL.
ALTER TABLE "trading_trades" DROP CONSTRAINT "trading_trades_opportunity_id_fkey";
ALTER TABLE "trading_trades" ADD CONSTRAINT "trading_trades_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "trading_opportunities"("id") ON DELETE SET NULL ON UPDATE CASCADE;
