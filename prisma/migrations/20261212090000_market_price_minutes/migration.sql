-- Price history: each watched pool's mid per minute of chain time beside the ETH/USD feed.
CREATE TABLE "market_price_minutes" (
    "chain_id" INTEGER NOT NULL,
    "pool" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "venue" TEXT NOT NULL,
    "pair" TEXT NOT NULL,
    "open" BIGINT NOT NULL,
    "high" BIGINT NOT NULL,
    "low" BIGINT NOT NULL,
    "close" BIGINT NOT NULL,
    "oracle" BIGINT NOT NULL,
    "max_deviation_bps" INTEGER NOT NULL,
    "snapshots" INTEGER NOT NULL,

    CONSTRAINT "market_price_minutes_pkey" PRIMARY KEY ("chain_id","pool","minute")
);

CREATE INDEX "market_price_minutes_chain_id_minute_idx" ON "market_price_minutes"("chain_id", "minute");
