-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('web_widget');

-- CreateTable
CREATE TABLE "WorkspaceChannel" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" "ChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "flowId" TEXT,
    "publicId" TEXT NOT NULL,
    "allowedOrigins" JSONB NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkspaceChannel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceChannel_publicId_key" ON "WorkspaceChannel"("publicId");

-- CreateIndex
CREATE INDEX "WorkspaceChannel_workspaceId_createdAt_idx" ON "WorkspaceChannel"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "WorkspaceChannel" ADD CONSTRAINT "WorkspaceChannel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkspaceChannel" ADD CONSTRAINT "WorkspaceChannel_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "workspaceChannelId" TEXT;

-- CreateIndex
CREATE INDEX "Conversation_workspaceChannelId_idx" ON "Conversation"("workspaceChannelId");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_workspaceChannelId_fkey" FOREIGN KEY ("workspaceChannelId") REFERENCES "WorkspaceChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

