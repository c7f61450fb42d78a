
-- AlterEnum
ALTER TYPE "ChannelKind" ADD VALUE 'email';

-- AlterTable
ALTER TABLE "WorkspaceChannel" ADD COLUMN     "secretData" BYTEA,
ADD COLUMN     "secretIv" BYTEA,
ADD COLUMN     "secretTag" BYTEA;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deliveryDispatchedAt" TIMESTAMP(3),
ADD COLUMN     "deliveryError" TEXT,
ADD COLUMN     "deliveryId" TEXT,
ADD COLUMN     "deliveryStatus" TEXT;

-- CreateTable
CREATE TABLE "ChannelMessageRef" (
    "workspaceChannelId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "subject" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelMessageRef_pkey" PRIMARY KEY ("workspaceChannelId","externalId")
);

-- CreateTable
CREATE TABLE "MessageAttachment" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "messageId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "iv" BYTEA NOT NULL,
    "tag" BYTEA NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelMessageRef_conversationId_createdAt_idx" ON "ChannelMessageRef"("conversationId", "createdAt");

-- CreateIndex
CREATE INDEX "MessageAttachment_conversationId_idx" ON "MessageAttachment"("conversationId");

-- CreateIndex
CREATE INDEX "Message_deliveryStatus_deliveryDispatchedAt_idx" ON "Message"("deliveryStatus", "deliveryDispatchedAt");

-- AddForeignKey
ALTER TABLE "ChannelMessageRef" ADD CONSTRAINT "ChannelMessageRef_workspaceChannelId_fkey" FOREIGN KEY ("workspaceChannelId") REFERENCES "WorkspaceChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelMessageRef" ADD CONSTRAINT "ChannelMessageRef_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageAttachment" ADD CONSTRAINT "MessageAttachment_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Outbound delivery's durable source: a bot or agent message of a conversation on a channel that
-- is not the widget (the widget reads its messages itself) is queued for delivery as it is
-- written, by whichever writer (activities, the API, raw SQL). The worker's dispatcher reads
-- queued rows (packages/activities/src/channels/dispatcher.ts).
CREATE FUNCTION "message_channel_delivery"() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "Conversation" c JOIN "WorkspaceChannel" w ON w."id" = c."workspaceChannelId"
    WHERE c."id" = NEW."conversationId" AND w."kind"::text <> 'web_widget'
  ) THEN
    NEW."deliveryStatus" := 'queued';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Message_channel_delivery" BEFORE INSERT ON "Message"
FOR EACH ROW WHEN (NEW."author" IN ('bot', 'agent'))
EXECUTE FUNCTION "message_channel_delivery"();
-- A delivery's progress (sent, failed, the relay's answer) is a change the inbox shows live
-- (the live feed's function writes a `message` event for Message rows).
CREATE TRIGGER "Message_delivery_live" AFTER UPDATE OF "deliveryStatus", "deliveryError" ON "Message"
FOR EACH ROW WHEN (OLD."deliveryStatus" IS DISTINCT FROM NEW."deliveryStatus" OR OLD."deliveryError" IS DISTINCT FROM NEW."deliveryError")
EXECUTE FUNCTION "live_conversation_child_change"();
