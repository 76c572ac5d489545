-- AlterTable
ALTER TABLE "shops" ADD COLUMN     "target_margin_bps" INTEGER NOT NULL DEFAULT 7000;

-- AlterTable
ALTER TABLE "shop_suppliers" ADD COLUMN     "pack_price_cents" INTEGER;
