-- The treasury's cash policy and lending (issue 18): Aave V3 reserves as last read, and moves in and out.
ALTER TABLE "treasury_control" ADD COLUMN "cash_days" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN "daily_cash_usd_cents" INTEGER NOT NULL DEFAULT 50000,
ADD COLUMN "cash_policy_at" TIMESTAMPTZ(3);

CREATE TYPE "YieldMoveStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'EXPIRED', 'SIGNED', 'DONE', 'FAILED');

CREATE TABLE "lending_reserves" (
    "chain_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "decimals" INTEGER NOT NULL,
    "supply_apy_bps" INTEGER NOT NULL,
    "borrow_apy_bps" INTEGER NOT NULL,
    "utilisation_bps" INTEGER NOT NULL,
    "treasury_supplied" DECIMAL(78,0) NOT NULL,
    "treasury_wallet" DECIMAL(78,0) NOT NULL,
    "block_number" BIGINT NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lending_reserves_pkey" PRIMARY KEY ("chain_id","asset")
);

CREATE TABLE "yield_moves" (
    "id" UUID NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "asset" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "YieldMoveStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "tx_hash" TEXT,
    "raw_tx" TEXT,
    "nonce" INTEGER,
    "block_number" BIGINT,
    "gas_wei" DECIMAL(78,0),
    "failure" TEXT,
    "done_at" TIMESTAMPTZ(3),
    CONSTRAINT "yield_moves_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "yield_moves_tx_hash_key" ON "yield_moves"("tx_hash");
CREATE INDEX "yield_moves_chain_id_status_idx" ON "yield_moves"("chain_id", "status");
-- At most one move open (proposed, approved or in flight) per chain: the policy never stacks two.
CREATE UNIQUE INDEX "yield_moves_one_open" ON "yield_moves"("chain_id") WHERE "status" IN ('PROPOSED', 'APPROVED', 'SIGNED');
