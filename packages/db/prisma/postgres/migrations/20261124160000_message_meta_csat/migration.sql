-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "csatScale" INTEGER,
ADD COLUMN     "csatScore" INTEGER;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "meta" JSONB;

