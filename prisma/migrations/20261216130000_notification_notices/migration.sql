-- A notification may be a notice that no alert raised (a task given to someone): no alert id.
ALTER TABLE "notifications" ALTER COLUMN "alert_id" DROP NOT NULL;
