-- A deleted flow keeps its row (finished conversations stay readable); see Flow.deletedAt.
-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "deletedAt" TIMESTAMP(3);
