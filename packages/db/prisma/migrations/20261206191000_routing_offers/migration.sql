-- CreateTable
CREATE TABLE "RoutingOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "handoffAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    CONSTRAINT "RoutingOffer_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RoutingOffer_agentId_state_idx" ON "RoutingOffer"("agentId", "state");

-- CreateIndex
CREATE INDEX "RoutingOffer_conversationId_state_idx" ON "RoutingOffer"("conversationId", "state");


-- Single assignment as a database rule (partial indexes: Prisma's schema cannot express them):
-- at most one pending offer per conversation, and one accepted offer per handoff.
CREATE UNIQUE INDEX "RoutingOffer_one_pending" ON "RoutingOffer"("conversationId") WHERE "state" = 'pending';
CREATE UNIQUE INDEX "RoutingOffer_one_accepted" ON "RoutingOffer"("conversationId", "handoffAt") WHERE "state" = 'accepted';

