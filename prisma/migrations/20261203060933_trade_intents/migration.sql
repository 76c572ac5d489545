-- CreateEnum
CREATE TYPE "TradeIntentStatus" AS ENUM ('SIGNED', 'MINED', 'REVERTED', 'DROPPED');

-- CreateTable
CREATE TABLE "trade_intents" (
    "id" UUID NOT NULL,
    "bot_id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "nonce" INTEGER NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "raw_tx" TEXT NOT NULL,
    "amount_in" TEXT NOT NULL,
    "deadline" BIGINT NOT NULL,
    "eth_usd" TEXT NOT NULL,
    "eth_usd_decimals" INTEGER NOT NULL,
    "status" "TradeIntentStatus" NOT NULL DEFAULT 'SIGNED',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "trade_intents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trade_intents_tx_hash_key" ON "trade_intents"("tx_hash");

-- CreateIndex
CREATE INDEX "trade_intents_status_idx" ON "trade_intents"("status");

-- CreateIndex
CREATE UNIQUE INDEX "trade_intents_bot_id_opportunity_id_key" ON "trade_intents"("bot_id", "opportunity_id");

-- AddForeignKey
ALTER TABLE "trade_intents" ADD CONSTRAINT "trade_intents_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "trading_bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;
