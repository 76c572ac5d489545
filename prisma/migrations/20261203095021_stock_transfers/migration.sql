-- AlterEnum
ALTER TYPE "ProposalStatus" ADD VALUE 'WITHDRAWN';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "StockMovementKind" ADD VALUE 'TRANSFER_OUT';
ALTER TYPE "StockMovementKind" ADD VALUE 'TRANSFER_IN';

-- AlterTable
ALTER TABLE "agent_proposals" ADD COLUMN     "to_shop_id" UUID;

-- CreateIndex
CREATE INDEX "agent_proposals_to_shop_id_status_idx" ON "agent_proposals"("to_shop_id", "status");
