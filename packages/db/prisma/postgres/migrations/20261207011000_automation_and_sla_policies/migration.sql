-- AlterTable
ALTER TABLE "ChangeEvent" ADD COLUMN     "detail" TEXT;

-- CreateTable
CREATE TABLE "AutomationRule" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "event" TEXT NOT NULL,
    "idleMinutes" INTEGER,
    "conditions" JSONB NOT NULL,
    "actions" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutomationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationRun" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "pendingEffects" JSONB,
    "outcome" TEXT NOT NULL DEFAULT 'applied',
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaPolicy" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "teams" JSONB NOT NULL,
    "priorities" JSONB NOT NULL,
    "channels" JSONB NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationCursor" (
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "updated" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutomationCursor_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "AutomationRule_workspaceId_enabled_event_idx" ON "AutomationRule"("workspaceId", "enabled", "event");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRule_workspaceId_name_key" ON "AutomationRule"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "AutomationRun_conversationId_createdAt_idx" ON "AutomationRun"("conversationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRun_ruleId_eventKey_key" ON "AutomationRun"("ruleId", "eventKey");

-- CreateIndex
CREATE INDEX "SlaPolicy_workspaceId_position_idx" ON "SlaPolicy"("workspaceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "SlaPolicy_workspaceId_name_key" ON "SlaPolicy"("workspaceId", "name");

-- AddForeignKey
ALTER TABLE "AutomationRule" ADD CONSTRAINT "AutomationRule_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationRun" ADD CONSTRAINT "AutomationRun_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AutomationRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaPolicy" ADD CONSTRAINT "SlaPolicy_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

