-- CreateTable
CREATE TABLE "FlowTestCase" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "expectedReplies" JSONB,
    "expectedPath" JSONB,
    "canned" JSONB,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowTestCase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlowTestCase_flowId_idx" ON "FlowTestCase"("flowId");

-- AddForeignKey
ALTER TABLE "FlowTestCase" ADD CONSTRAINT "FlowTestCase_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

