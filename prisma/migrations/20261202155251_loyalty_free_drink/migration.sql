-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "discount_cents" INTEGER NOT NULL DEFAULT 0;

-- A discount is part of the subtotal, never more, never negative.
ALTER TABLE "orders" ADD CONSTRAINT "orders_discount_cents_check" CHECK ("discount_cents" >= 0 AND "discount_cents" <= "subtotal_cents");
