-- Where an approved purchase order is mailed.
ALTER TABLE "shop_suppliers" ADD COLUMN "supplier_email" TEXT;
