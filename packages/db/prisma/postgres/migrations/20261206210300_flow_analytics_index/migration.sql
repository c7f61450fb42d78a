-- CreateIndex
CREATE INDEX "Conversation_flowVersionId_createdAt_idx" ON "Conversation"("flowVersionId", "createdAt");
