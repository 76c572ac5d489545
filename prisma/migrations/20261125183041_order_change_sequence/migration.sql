-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "change_seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "orders_shop_id_change_seq_idx" ON "orders"("shop_id", "change_seq");

-- Every status or version change takes the next change_seq, so a live queue that saw change N
-- can ask for exactly the changes after N (new orders take theirs from the column default).
CREATE FUNCTION bump_order_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.version IS DISTINCT FROM OLD.version THEN
    NEW.change_seq := nextval('orders_change_seq_seq');
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER orders_bump_change_seq
BEFORE UPDATE OF status, version ON "orders"
FOR EACH ROW EXECUTE FUNCTION bump_order_change_seq();

-- The change notification now carries the sequence too.
CREATE OR REPLACE FUNCTION notify_order_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('order_changes', json_build_object(
    'id', NEW.id, 'shopId', NEW.shop_id, 'status', NEW.status, 'version', NEW.version, 'seq', NEW.change_seq
  )::text);
  RETURN NULL;
END;
$$;
