-- Live order updates: every insert and every status/version change of an order NOTIFYs
-- `order_changes` (delivered at commit) with the order's id, shop, status and version. Each web
-- instance LISTENs once and fans the changes out to its server-sent-event streams, so a change
-- made through any instance or worker reaches every open page.
CREATE FUNCTION notify_order_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('order_changes', json_build_object(
    'id', NEW.id, 'shopId', NEW.shop_id, 'status', NEW.status, 'version', NEW.version
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER orders_notify_change
AFTER INSERT OR UPDATE OF status, version ON "orders"
FOR EACH ROW EXECUTE FUNCTION notify_order_change();
