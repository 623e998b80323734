-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "withdrawn_opens_at" TIMESTAMPTZ(3);
