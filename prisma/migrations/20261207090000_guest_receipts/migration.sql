-- Guest receipts: the address a guest asks for a receipt at, and the addresses that stopped them.
ALTER TABLE "orders" ADD COLUMN "receipt_email" TEXT;

CREATE TABLE "receipt_opt_outs" (
    "address_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "receipt_opt_outs_pkey" PRIMARY KEY ("address_hash")
);
