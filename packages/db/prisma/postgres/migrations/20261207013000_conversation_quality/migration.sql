-- A conversation's quality score and the signals behind it (packages/ai quality), set when it ends or is rated.
-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "qualityFactors" JSONB;
ALTER TABLE "Conversation" ADD COLUMN "qualityScore" INTEGER;

