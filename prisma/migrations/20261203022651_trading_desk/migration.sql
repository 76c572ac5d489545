-- CreateEnum
CREATE TYPE "TradingMode" AS ENUM ('PAPER', 'LIVE');

-- CreateEnum
CREATE TYPE "BotStatus" AS ENUM ('RUNNING', 'STOPPED');

-- CreateTable
CREATE TABLE "treasury_control" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "kill_switch" BOOLEAN NOT NULL DEFAULT false,
    "killed_at" TIMESTAMPTZ(3),
    "max_trade_usd_cents" INTEGER NOT NULL DEFAULT 2000000,
    "max_slippage_bps" INTEGER NOT NULL DEFAULT 50,
    "daily_loss_limit_usd_cents" INTEGER NOT NULL DEFAULT 50000,
    "allowed_tokens" TEXT[],
    "allowed_pools" TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "treasury_control_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trading_opportunities" (
    "id" UUID NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "pair" TEXT NOT NULL,
    "buy_venue" TEXT NOT NULL,
    "sell_venue" TEXT NOT NULL,
    "size_in" TEXT NOT NULL,
    "amount_mid" TEXT NOT NULL,
    "amount_out" TEXT NOT NULL,
    "gas_cost_usd_cents" INTEGER NOT NULL,
    "net_profit_usd_cents" INTEGER NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trading_opportunities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trading_bots" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "strategy" TEXT NOT NULL,
    "mode" "TradingMode" NOT NULL DEFAULT 'PAPER',
    "status" "BotStatus" NOT NULL DEFAULT 'STOPPED',
    "slippage_bps" INTEGER NOT NULL DEFAULT 30,
    "max_trade_usd_cents" INTEGER NOT NULL DEFAULT 1000000,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "trading_bots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trading_trades" (
    "id" UUID NOT NULL,
    "bot_id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "mode" "TradingMode" NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "token_in" TEXT NOT NULL,
    "amount_in" TEXT NOT NULL,
    "amount_out" TEXT NOT NULL,
    "pnl_usd_cents" INTEGER NOT NULL,
    "tx_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trading_trades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guard_refusals" (
    "id" UUID NOT NULL,
    "bot_id" UUID,
    "opportunity_id" UUID,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "guard_refusals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trading_opportunities_detected_at_idx" ON "trading_opportunities"("detected_at");

-- CreateIndex
CREATE UNIQUE INDEX "trading_opportunities_chain_id_block_number_pair_key" ON "trading_opportunities"("chain_id", "block_number", "pair");

-- CreateIndex
CREATE UNIQUE INDEX "trading_bots_name_key" ON "trading_bots"("name");

-- CreateIndex
CREATE INDEX "trading_trades_created_at_idx" ON "trading_trades"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "trading_trades_bot_id_opportunity_id_key" ON "trading_trades"("bot_id", "opportunity_id");

-- CreateIndex
CREATE INDEX "guard_refusals_created_at_idx" ON "guard_refusals"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "guard_refusals_bot_id_opportunity_id_key" ON "guard_refusals"("bot_id", "opportunity_id");

-- AddForeignKey
ALTER TABLE "trading_trades" ADD CONSTRAINT "trading_trades_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "trading_bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trading_trades" ADD CONSTRAINT "trading_trades_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "trading_opportunities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guard_refusals" ADD CONSTRAINT "guard_refusals_bot_id_fkey" FOREIGN KEY ("bot_id") REFERENCES "trading_bots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "guard_refusals" ADD CONSTRAINT "guard_refusals_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "trading_opportunities"("id") ON DELETE SET NULL ON UPDATE CASCADE;
