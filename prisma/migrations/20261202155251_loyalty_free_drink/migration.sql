-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "discount_cents" INTEGER NOT NULL DEFAULT 0;

-- A discount is part of the subtotal, never more, never negative. A trigger, not a CHECK
-- constraint: with a CHECK in a migration, the offline drift check (`npm run db:check`, Prisma's
-- Wasm engine) stopped noticing schema changes.
CREATE FUNCTION orders_discount_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.discount_cents < 0 OR NEW.discount_cents > NEW.subtotal_cents THEN
    RAISE EXCEPTION 'orders_discount_cents_check: a discount must be from 0 to the subtotal' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER orders_discount_guard BEFORE INSERT OR UPDATE OF discount_cents, subtotal_cents ON "orders"
FOR EACH ROW EXECUTE FUNCTION orders_discount_guard();
