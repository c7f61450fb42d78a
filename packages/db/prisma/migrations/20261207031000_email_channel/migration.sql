
-- AlterTable
ALTER TABLE "WorkspaceChannel" ADD COLUMN "secretData" BLOB;
ALTER TABLE "WorkspaceChannel" ADD COLUMN "secretIv" BLOB;
ALTER TABLE "WorkspaceChannel" ADD COLUMN "secretTag" BLOB;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "deliveryDispatchedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "deliveryError" TEXT;
ALTER TABLE "Message" ADD COLUMN "deliveryId" TEXT;
ALTER TABLE "Message" ADD COLUMN "deliveryStatus" TEXT;

-- CreateTable
CREATE TABLE "ChannelMessageRef" (
    "workspaceChannelId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "subject" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("workspaceChannelId", "externalId"),
    CONSTRAINT "ChannelMessageRef_workspaceChannelId_fkey" FOREIGN KEY ("workspaceChannelId") REFERENCES "WorkspaceChannel" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChannelMessageRef_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MessageAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "iv" BLOB NOT NULL,
    "tag" BLOB NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MessageAttachment_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChannelMessageRef_conversationId_createdAt_idx" ON "ChannelMessageRef"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "MessageAttachment_conversationId_idx" ON "MessageAttachment"("conversationId");

-- CreateIndex
CREATE INDEX "Message_deliveryStatus_deliveryDispatchedAt_idx" ON "Message"("deliveryStatus", "deliveryDispatchedAt");


-- Outbound delivery's durable source: a bot or agent message of a conversation on a channel that
-- is not the widget (the widget reads its messages itself) is queued for delivery as it is
-- written, by whichever writer (activities, the API, raw SQL). The worker's dispatcher reads
-- queued rows (packages/activities/src/channels/dispatcher.ts).
CREATE TRIGGER "Message_channel_delivery" AFTER INSERT ON "Message"
WHEN new."author" IN ('bot', 'agent')
  AND EXISTS (
    SELECT 1 FROM "Conversation" c JOIN "WorkspaceChannel" w ON w."id" = c."workspaceChannelId"
    WHERE c."id" = new."conversationId" AND w."kind" <> 'web_widget'
  )
BEGIN
  UPDATE "Message" SET "deliveryStatus" = 'queued' WHERE "id" = new."id";
END;
-- A delivery's progress (sent, failed, the relay's answer) is a change the inbox shows live. The
-- queued mark written with the insert above is not: the insert's own event covers it.
CREATE TRIGGER "Message_delivery_live" AFTER UPDATE OF "deliveryStatus", "deliveryError" ON "Message"
WHEN old."deliveryStatus" IS NOT NULL AND (old."deliveryStatus" IS NOT new."deliveryStatus" OR old."deliveryError" IS NOT new."deliveryError")
BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
  SELECT "workspaceId", 'message', "id", "team", "assigneeId", "status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Conversation" WHERE "id" = new."conversationId" AND "test" = 0;
END;
