-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "test" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "NodeRun" ADD COLUMN     "detail" JSONB;

