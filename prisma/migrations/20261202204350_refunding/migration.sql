/*
  Warnings:

  - A unique constraint covering the columns `[chain_id,refund_tx_hash]` on the table `invoices` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'REFUNDING';

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "refund_claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "refund_raw_tx" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "invoices_chain_id_refund_tx_hash_key" ON "invoices"("chain_id", "refund_tx_hash");
