-- Web Push for every order of an account, on each device its owner turned it on (lib/push/account-devices.ts).
CREATE TABLE "account_push_devices" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sent_at" TIMESTAMPTZ(3),
    "last_sent" TEXT,
    "last_error" TEXT,

    CONSTRAINT "account_push_devices_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "account_push_devices_user_id_endpoint_key" ON "account_push_devices"("user_id", "endpoint");

ALTER TABLE "account_push_devices" ADD CONSTRAINT "account_push_devices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
