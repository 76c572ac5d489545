-- NOTIFY serialises committing transactions on one database-wide lock, held through the commit's
-- WAL flush: under load, order placements queued behind each other there (pg_stat_activity:
-- Lock:object was the top wait). Placements no longer notify at all:
-- * the outbox relay polls (a few ms apart, on its leader session) instead of being woken;
-- * a new order is nobody's live change yet (queues show orders from QUEUED on, and the tracking
--   page reads the order itself), so order changes are notified on update only.
DROP TRIGGER "outbox_events_notify" ON "outbox_events";
DROP FUNCTION notify_outbox_events();

DROP TRIGGER "orders_notify_change" ON "orders";
CREATE TRIGGER orders_notify_change
AFTER UPDATE OF status, version ON "orders"
FOR EACH ROW EXECUTE FUNCTION notify_order_change();
