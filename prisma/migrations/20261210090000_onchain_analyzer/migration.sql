-- The on-chain analyzer (issue 18): wallet balance readings, large swaps on watched pools, and the gas a live trade paid.
-- AlterTable
ALTER TABLE "trading_trades" ADD COLUMN     "gas_usd_cents" INTEGER,
ADD COLUMN     "gas_wei" DECIMAL(78,0);

-- CreateTable
CREATE TABLE "wallet_balances" (
    "id" BIGSERIAL NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_time" TIMESTAMPTZ(3) NOT NULL,
    "wallet" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "value_usd_cents" BIGINT NOT NULL,

    CONSTRAINT "wallet_balances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "large_swaps" (
    "id" UUID NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_time" TIMESTAMPTZ(3) NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "log_index" INTEGER NOT NULL,
    "pool" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "weth_delta" DECIMAL(78,0) NOT NULL,
    "usdc_delta" DECIMAL(78,0) NOT NULL,
    "value_usd_cents" BIGINT NOT NULL,

    CONSTRAINT "large_swaps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wallet_balances_chain_id_block_time_idx" ON "wallet_balances"("chain_id", "block_time");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_balances_chain_id_wallet_block_number_token_key" ON "wallet_balances"("chain_id", "wallet", "block_number", "token");

-- CreateIndex
CREATE INDEX "large_swaps_block_time_idx" ON "large_swaps"("block_time");

-- CreateIndex
CREATE UNIQUE INDEX "large_swaps_chain_id_tx_hash_log_index_key" ON "large_swaps"("chain_id", "tx_hash", "log_index");
