-- The treasury guard's stablecoin depeg breaker: every trade refused while USDC/USD is further than this from $1.
ALTER TABLE "treasury_control" ADD COLUMN "max_peg_deviation_bps" INTEGER NOT NULL DEFAULT 200;
