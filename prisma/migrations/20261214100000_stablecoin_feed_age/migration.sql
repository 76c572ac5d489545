-- The treasury guard's age limit for stablecoin feeds (USDC/USD): Chainlink's mainnet USDC/USD has a
-- 24 h heartbeat (0.25 % deviation), ETH/USD 1 h, so one limit cannot fit both.
ALTER TABLE "treasury_control" ADD COLUMN "stablecoin_max_age_seconds" INTEGER NOT NULL DEFAULT 86400;
