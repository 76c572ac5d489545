-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "guest_client" TEXT,
ADD COLUMN     "tracking_token" TEXT;

-- AlterTable: invitations made before links existed were never mailed; they get a token nobody
-- knows and are expired (a manager invites again to send a link).
ALTER TABLE "shop_invites" ADD COLUMN     "expires_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "token_hash" TEXT NOT NULL DEFAULT md5(random()::text || clock_timestamp()::text);
ALTER TABLE "shop_invites" ALTER COLUMN "expires_at" DROP DEFAULT, ALTER COLUMN "token_hash" DROP DEFAULT;

-- AlterTable: existing addresses stay unconfirmed until their owner follows a link; staff who
-- are already members keep their membership (confirmation gates new roles only).
ALTER TABLE "users" ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "email_verifications" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_verifications_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "email_verifications_user_id_idx" ON "email_verifications"("user_id");

-- CreateIndex
CREATE INDEX "orders_guest_client_placed_at_idx" ON "orders"("guest_client", "placed_at");

-- CreateIndex
CREATE UNIQUE INDEX "shop_invites_token_hash_key" ON "shop_invites"("token_hash");

-- AddForeignKey
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

