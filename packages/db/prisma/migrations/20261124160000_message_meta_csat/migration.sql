-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "csatScale" INTEGER;
ALTER TABLE "Conversation" ADD COLUMN "csatScore" INTEGER;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "meta" JSONB;

