-- A product's own default option in a group (a drink tasted with oat milk defaults to oat; lib/agents/tasting/options.ts).
-- AlterTable
ALTER TABLE "product_option_groups" ADD COLUMN     "default_option_id" UUID;

-- AddForeignKey
ALTER TABLE "product_option_groups" ADD CONSTRAINT "product_option_groups_default_option_id_fkey" FOREIGN KEY ("default_option_id") REFERENCES "options"("id") ON DELETE SET NULL ON UPDATE CASCADE;

