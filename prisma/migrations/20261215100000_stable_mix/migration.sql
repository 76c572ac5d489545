-- Stablecoin-mix rebalancing (lib/trading/stable-mix.ts): a bot's target share of each stablecoin in
-- basis points, e.g. {"USDC": 6000, "USDT": 2000, "DAI": 2000} (bots.ts checks they add up to 10,000).
-- Null for the other strategies. JSON rather than a column per coin: the set of stablecoins is the
-- chain's (lib/defi/venues.ts), not the schema's.
ALTER TABLE "trading_bots" ADD COLUMN "stable_mix" JSONB;

-- The guard's allowlists gain the local chain's USDT and DAI and the two 0.01 % pools they trade in
-- (USDC/USDT, USDC/DAI: fixed CREATE2 addresses, lib/chain/deployments.local.ts), as a new desk's
-- row gets them on creation (desk.ts, treasuryControl). Appended only where missing.
UPDATE "treasury_control" SET "allowed_tokens" = "allowed_tokens" || ARRAY(
  SELECT a FROM unnest(ARRAY['0x5c50b7a5e9519c8e50d16d6ef94375120985631d', '0x3f60c53ddb72348857323d733bb5bc2e5a80c30c']) AS a
  WHERE NOT (a = ANY (coalesce("allowed_tokens", ARRAY[]::text[])))
);
UPDATE "treasury_control" SET "allowed_pools" = "allowed_pools" || ARRAY(
  SELECT a FROM unnest(ARRAY['0xbe9a62f66db44540b47244cdaa0109c32a365e23', '0xbbe6916c029f4b0255843833a0db257f398f2457']) AS a
  WHERE NOT (a = ANY (coalesce("allowed_pools", ARRAY[]::text[])))
);
