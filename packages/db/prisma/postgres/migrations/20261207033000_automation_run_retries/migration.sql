-- AlterTable
ALTER TABLE "AutomationRun" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "nextAction" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retryAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "AutomationRun_retryAt_idx" ON "AutomationRun"("retryAt");

