-- AlterEnum
ALTER TYPE "IntegrationKind" ADD VALUE 'EMAIL';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "email_status" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "receipt_emails" BOOLEAN NOT NULL DEFAULT true;
