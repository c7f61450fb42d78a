-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "conversationId" TEXT,
    "team" TEXT,
    "assigneeId" TEXT,
    "status" TEXT,
    "previousTeam" TEXT,
    "previousAssigneeId" TEXT,
    "previousStatus" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangeEvent_createdAt_idx" ON "ChangeEvent"("createdAt");


-- The live feed's rows are written by triggers, in the same transaction as the change, so every
-- writer (the API, the worker's activities and their raw SQL) feeds it. Times in UTC, as Prisma
-- writes a DateTime. The simulator's test conversations feed nothing (never in the inbox).
CREATE FUNCTION "live_conversation_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
    VALUES (NEW."workspaceId", 'conversation.created', NEW."id", NEW."team", NEW."assigneeId", NEW."status"::text, now() AT TIME ZONE 'UTC');
  ELSE
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "previousTeam", "previousAssigneeId", "previousStatus", "createdAt")
    VALUES (NEW."workspaceId", 'conversation.updated', NEW."id", NEW."team", NEW."assigneeId", NEW."status"::text, OLD."team", OLD."assigneeId", OLD."status"::text, now() AT TIME ZONE 'UTC');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Conversation_live_insert" AFTER INSERT ON "Conversation"
FOR EACH ROW WHEN (NOT NEW."test") EXECUTE FUNCTION "live_conversation_change"();
-- Only what the inbox shows: a turn's message has an event of its own, and a rewrite of the same values is no change.
CREATE TRIGGER "Conversation_live_update" AFTER UPDATE ON "Conversation"
FOR EACH ROW WHEN (NOT NEW."test" AND (
  OLD."status" IS DISTINCT FROM NEW."status" OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId" OR OLD."team" IS DISTINCT FROM NEW."team"
  OR OLD."priority" IS DISTINCT FROM NEW."priority" OR OLD."sla" IS DISTINCT FROM NEW."sla" OR OLD."handedOffAt" IS DISTINCT FROM NEW."handedOffAt"
  OR OLD."csatScore" IS DISTINCT FROM NEW."csatScore"
)) EXECUTE FUNCTION "live_conversation_change"();

CREATE FUNCTION "live_conversation_child_change"() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'Message' THEN
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
    SELECT "workspaceId", 'message', "id", "team", "assigneeId", "status"::text, now() AT TIME ZONE 'UTC'
    FROM "Conversation" WHERE "id" = NEW."conversationId" AND NOT "test";
  ELSIF TG_TABLE_NAME = 'ConversationLabel' THEN
    -- Labels show in the inbox's list and the conversation: a label added or taken off is a change of it.
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
    SELECT "workspaceId", 'label', "id", "team", "assigneeId", "status"::text, now() AT TIME ZONE 'UTC'
    FROM "Conversation" WHERE "id" = (CASE WHEN TG_OP = 'DELETE' THEN OLD."conversationId" ELSE NEW."conversationId" END) AND NOT "test";
  ELSIF TG_TABLE_NAME = 'Notification' THEN
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "createdAt")
    SELECT NEW."workspaceId", 'notification', "id", NEW."team", now() AT TIME ZONE 'UTC'
    FROM "Conversation" WHERE "id" = NEW."conversationId" AND NOT "test";
  ELSE
    INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "assigneeId", "status", "createdAt")
    VALUES (NEW."workspaceId", 'offer', NEW."conversationId", NEW."agentId", NEW."state"::text, now() AT TIME ZONE 'UTC');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Message_live_insert" AFTER INSERT ON "Message"
FOR EACH ROW EXECUTE FUNCTION "live_conversation_child_change"();
CREATE TRIGGER "ConversationLabel_live_change" AFTER INSERT OR DELETE ON "ConversationLabel"
FOR EACH ROW EXECUTE FUNCTION "live_conversation_child_change"();
CREATE TRIGGER "Notification_live_insert" AFTER INSERT ON "Notification"
FOR EACH ROW EXECUTE FUNCTION "live_conversation_child_change"();
CREATE TRIGGER "RoutingOffer_live_insert" AFTER INSERT ON "RoutingOffer"
FOR EACH ROW EXECUTE FUNCTION "live_conversation_child_change"();
CREATE TRIGGER "RoutingOffer_live_update" AFTER UPDATE OF "state" ON "RoutingOffer"
FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "live_conversation_child_change"();

CREATE FUNCTION "live_presence_change"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "assigneeId", "status", "createdAt")
  VALUES (NEW."workspaceId", 'presence', NEW."userId", NEW."presence"::text, now() AT TIME ZONE 'UTC');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Member_live_presence" AFTER UPDATE OF "presence" ON "Member"
FOR EACH ROW WHEN (OLD."presence" IS DISTINCT FROM NEW."presence") EXECUTE FUNCTION "live_presence_change"();
