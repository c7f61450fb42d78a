-- A run that did not finish is tried again from its next action (AutomationEngine).
ALTER TABLE "AutomationRun" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "AutomationRun" ADD COLUMN "nextAction" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AutomationRun" ADD COLUMN "retryAt" DATETIME;

-- CreateIndex
CREATE INDEX "AutomationRun_retryAt_idx" ON "AutomationRun"("retryAt");
