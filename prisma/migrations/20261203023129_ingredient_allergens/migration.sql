-- CreateEnum
CREATE TYPE "Allergen" AS ENUM ('MILK', 'EGG', 'GLUTEN', 'NUTS', 'PEANUTS', 'SOY', 'SESAME');

-- CreateEnum
CREATE TYPE "DietaryFlag" AS ENUM ('VEGAN', 'VEGETARIAN');

-- AlterTable
ALTER TABLE "ingredients" ADD COLUMN     "allergens" "Allergen"[] DEFAULT ARRAY[]::"Allergen"[],
ADD COLUMN     "dietary_flags" "DietaryFlag"[] DEFAULT ARRAY[]::"DietaryFlag"[];
