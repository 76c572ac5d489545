-- The arbitrage detector compares every WETH/USDC pool (each V3 fee tier and V2), so an
-- opportunity names its pools' fees. Rows from before were V3 0.05 % against V2 0.3 %.
ALTER TABLE "trading_opportunities" ADD COLUMN "buy_fee" INTEGER, ADD COLUMN "sell_fee" INTEGER;
UPDATE "trading_opportunities"
   SET "buy_fee"  = CASE "buy_venue"  WHEN 'uniswap-v3' THEN 500 ELSE 3000 END,
       "sell_fee" = CASE "sell_venue" WHEN 'uniswap-v3' THEN 500 ELSE 3000 END;
ALTER TABLE "trading_opportunities" ALTER COLUMN "buy_fee" SET NOT NULL, ALTER COLUMN "sell_fee" SET NOT NULL;

-- The guard's pool allowlist gains the local chain's WETH/USDC 0.3 % pool (fixed CREATE2 address,
-- lib/chain/deployments.local.ts), as a new desk's row gets it on creation (desk.ts,
-- treasuryControl). Appended only where missing.
UPDATE "treasury_control" SET "allowed_pools" = "allowed_pools" || ARRAY(
  SELECT a FROM unnest(ARRAY['0x8139de65d2fbc9513bc52f1842cf37a01a18ca61']) AS a
  WHERE NOT (a = ANY (coalesce("allowed_pools", ARRAY[]::text[])))
);
