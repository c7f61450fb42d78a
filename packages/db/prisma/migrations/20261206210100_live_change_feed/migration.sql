-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "conversationId" TEXT,
    "team" TEXT,
    "assigneeId" TEXT,
    "status" TEXT,
    "previousTeam" TEXT,
    "previousAssigneeId" TEXT,
    "previousStatus" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ChangeEvent_createdAt_idx" ON "ChangeEvent"("createdAt");


-- The live feed's rows are written by triggers, in the same transaction as the change, so every
-- writer (the API, the worker's activities and their raw SQL) feeds it. Times are written as the
-- driver adapter writes a DateTime (ISO text, UTC), so pruning compares like with like. The
-- simulator's test conversations feed nothing (they are never in the inbox).
CREATE TRIGGER "Conversation_live_insert" AFTER INSERT ON "Conversation" WHEN new."test" = 0 BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
  VALUES (new."workspaceId", 'conversation.created', new."id", new."team", new."assigneeId", new."status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
-- Only what the inbox shows: a turn's message has an event of its own, and a rewrite of the same values is no change.
CREATE TRIGGER "Conversation_live_update" AFTER UPDATE ON "Conversation" WHEN new."test" = 0 AND (
  old."status" IS NOT new."status" OR old."assigneeId" IS NOT new."assigneeId" OR old."team" IS NOT new."team"
  OR old."priority" IS NOT new."priority" OR old."sla" IS NOT new."sla" OR old."handedOffAt" IS NOT new."handedOffAt"
  OR old."csatScore" IS NOT new."csatScore"
) BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "previousTeam", "previousAssigneeId", "previousStatus", "createdAt")
  VALUES (new."workspaceId", 'conversation.updated', new."id", new."team", new."assigneeId", new."status", old."team", old."assigneeId", old."status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
CREATE TRIGGER "Message_live_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
  SELECT "workspaceId", 'message', "id", "team", "assigneeId", "status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Conversation" WHERE "id" = new."conversationId" AND "test" = 0;
END;
-- Labels show in the inbox's list and the conversation: adding or taking one off is a change of the conversation.
CREATE TRIGGER "ConversationLabel_live_insert" AFTER INSERT ON "ConversationLabel" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
  SELECT "workspaceId", 'label', "id", "team", "assigneeId", "status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Conversation" WHERE "id" = new."conversationId" AND "test" = 0;
END;
CREATE TRIGGER "ConversationLabel_live_delete" AFTER DELETE ON "ConversationLabel" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "assigneeId", "status", "createdAt")
  SELECT "workspaceId", 'label', "id", "team", "assigneeId", "status", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Conversation" WHERE "id" = old."conversationId" AND "test" = 0;
END;
CREATE TRIGGER "RoutingOffer_live_insert" AFTER INSERT ON "RoutingOffer" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "assigneeId", "status", "createdAt")
  VALUES (new."workspaceId", 'offer', new."conversationId", new."agentId", new."state", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
CREATE TRIGGER "RoutingOffer_live_update" AFTER UPDATE OF "state" ON "RoutingOffer" WHEN old."state" IS NOT new."state" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "assigneeId", "status", "createdAt")
  VALUES (new."workspaceId", 'offer', new."conversationId", new."agentId", new."state", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
CREATE TRIGGER "Notification_live_insert" AFTER INSERT ON "Notification" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "conversationId", "team", "createdAt")
  SELECT new."workspaceId", 'notification', "id", new."team", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
  FROM "Conversation" WHERE "id" = new."conversationId" AND "test" = 0;
END;
CREATE TRIGGER "Member_live_presence" AFTER UPDATE OF "presence" ON "Member" WHEN old."presence" IS NOT new."presence" BEGIN
  INSERT INTO "ChangeEvent" ("workspaceId", "kind", "assigneeId", "status", "createdAt")
  VALUES (new."workspaceId", 'presence', new."userId", new."presence", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
