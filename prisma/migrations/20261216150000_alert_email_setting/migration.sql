-- A staff member's choice to get the notifier's mails (alerts, their tasks, tastings); on by default, as before.
ALTER TABLE "users" ADD COLUMN "alert_emails" BOOLEAN NOT NULL DEFAULT true;
