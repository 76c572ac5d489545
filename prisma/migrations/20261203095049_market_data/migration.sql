-- AlterTable
ALTER TABLE "treasury_control" ADD COLUMN     "max_oracle_deviation_bps" INTEGER NOT NULL DEFAULT 1500,
ADD COLUMN     "oracle_max_age_seconds" INTEGER NOT NULL DEFAULT 3600;

-- CreateTable
CREATE TABLE "market_cursors" (
    "chain_id" INTEGER NOT NULL,
    "last_block" BIGINT NOT NULL,
    "last_block_hash" TEXT NOT NULL,
    "oracle_round_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "market_cursors_pkey" PRIMARY KEY ("chain_id")
);

-- CreateTable
CREATE TABLE "market_pool_snapshots" (
    "chain_id" INTEGER NOT NULL,
    "pool" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "pair" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_timestamp" TIMESTAMPTZ(3) NOT NULL,
    "mid" TEXT NOT NULL,
    "oracle" TEXT NOT NULL,
    "oracle_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deviation_bps" INTEGER NOT NULL,
    "depth_up_50_usdc" TEXT NOT NULL,
    "depth_up_100_usdc" TEXT NOT NULL,
    "depth_down_50_weth" TEXT NOT NULL,
    "depth_down_100_weth" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "market_pool_snapshots_pkey" PRIMARY KEY ("chain_id","pool")
);
