-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('NEW', 'PROCESSING', 'SETTLED', 'EXPIRED', 'INVALID', 'REFUNDED');

-- CreateEnum
CREATE TYPE "InvoiceException" AS ENUM ('PARTIAL', 'OVERPAID', 'LATE');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('SEEN', 'CONFIRMED', 'UNDONE', 'MISMATCHED');

-- CreateTable
CREATE TABLE "invoices" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'NEW',
    "exception" "InvoiceException",
    "chain_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "token_address" TEXT,
    "decimals" INTEGER NOT NULL,
    "router_address" TEXT NOT NULL,
    "pay_to" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount_due" DECIMAL(78,0) NOT NULL,
    "amount_paid" DECIMAL(78,0) NOT NULL DEFAULT 0,
    "amount_confirmed" DECIMAL(78,0) NOT NULL DEFAULT 0,
    "rate" DECIMAL(78,0) NOT NULL,
    "rate_decimals" INTEGER NOT NULL,
    "rate_source" TEXT NOT NULL,
    "rate_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "required_confirmations" INTEGER NOT NULL,
    "fast_lane" BOOLEAN NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    "settled_at" TIMESTAMPTZ(3),
    "refund_tx_hash" TEXT,
    "refunded_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "tx_hash" TEXT NOT NULL,
    "log_index" INTEGER NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_hash" TEXT NOT NULL,
    "block_time" TIMESTAMPTZ(3) NOT NULL,
    "payer" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "pay_to" TEXT NOT NULL,
    "amount" DECIMAL(78,0) NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "confirmations" INTEGER NOT NULL DEFAULT 0,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chain_cursors" (
    "chain_id" INTEGER NOT NULL,
    "router_address" TEXT NOT NULL,
    "block_number" BIGINT NOT NULL,
    "block_hash" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chain_cursors_pkey" PRIMARY KEY ("chain_id")
);

-- CreateTable
CREATE TABLE "loyalty_entries" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "beans" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "order_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loyalty_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invoices_reference_key" ON "invoices"("reference");

-- CreateIndex
CREATE INDEX "invoices_order_id_created_at_idx" ON "invoices"("order_id", "created_at");

-- CreateIndex
CREATE INDEX "invoices_status_expires_at_idx" ON "invoices"("status", "expires_at");

-- CreateIndex
CREATE INDEX "payments_invoice_id_idx" ON "payments"("invoice_id");

-- CreateIndex
CREATE INDEX "payments_chain_id_status_block_number_idx" ON "payments"("chain_id", "status", "block_number");

-- CreateIndex
CREATE UNIQUE INDEX "payments_chain_id_tx_hash_key" ON "payments"("chain_id", "tx_hash");

-- CreateIndex
CREATE INDEX "loyalty_entries_user_id_created_at_idx" ON "loyalty_entries"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "loyalty_entries_order_id_reason_key" ON "loyalty_entries"("order_id", "reason");

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loyalty_entries" ADD CONSTRAINT "loyalty_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Rules Prisma's schema cannot express, as triggers: CHECK constraints crash the WebAssembly schema
-- engine's drift check now and then (scripts/prisma/schema-engine.mjs, "RuntimeError: unreachable").
-- Token amounts are never negative and an invoice asks for something.
CREATE FUNCTION invoices_amounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount_due <= 0 OR NEW.amount_paid < 0 OR NEW.amount_confirmed < 0 THEN
    RAISE EXCEPTION 'invoices_amounts_check: invoice amounts must be positive' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invoices_amounts_guard BEFORE INSERT OR UPDATE ON "invoices" FOR EACH ROW EXECUTE FUNCTION invoices_amounts_guard();

CREATE FUNCTION payments_amount_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.amount <= 0 THEN
    RAISE EXCEPTION 'payments_amount_check: a payment amount must be positive' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER payments_amount_guard BEFORE INSERT OR UPDATE ON "payments" FOR EACH ROW EXECUTE FUNCTION payments_amount_guard();

-- The loyalty ledger can never go negative: every entry records the balance after it.
CREATE FUNCTION loyalty_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.balance < 0 OR NEW.beans = 0 THEN
    RAISE EXCEPTION 'loyalty_entries_balance_check: a loyalty balance cannot go negative' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER loyalty_entries_guard BEFORE INSERT OR UPDATE ON "loyalty_entries" FOR EACH ROW EXECUTE FUNCTION loyalty_entries_guard();
