-- CreateEnum
CREATE TYPE "OfferState" AS ENUM ('pending', 'accepted', 'declined', 'expired', 'withdrawn');

-- CreateTable
CREATE TABLE "RoutingOffer" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "state" "OfferState" NOT NULL DEFAULT 'pending',
    "handoffAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "RoutingOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoutingOffer_agentId_state_idx" ON "RoutingOffer"("agentId", "state");

-- CreateIndex
CREATE INDEX "RoutingOffer_conversationId_state_idx" ON "RoutingOffer"("conversationId", "state");

-- AddForeignKey
ALTER TABLE "RoutingOffer" ADD CONSTRAINT "RoutingOffer_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Single assignment as a database rule (partial indexes: Prisma's schema cannot express them):
-- at most one pending offer per conversation, and one accepted offer per handoff.
CREATE UNIQUE INDEX "RoutingOffer_one_pending" ON "RoutingOffer"("conversationId") WHERE "state" = 'pending';
CREATE UNIQUE INDEX "RoutingOffer_one_accepted" ON "RoutingOffer"("conversationId", "handoffAt") WHERE "state" = 'accepted';

