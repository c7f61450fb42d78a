-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "secretIv" BLOB NOT NULL,
    "secretTag" BLOB NOT NULL,
    "secretData" BLOB NOT NULL,
    "previousSecretIv" BLOB,
    "previousSecretTag" BLOB,
    "previousSecretData" BLOB,
    "previousSecretExpiresAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,
    "conversationId" TEXT,
    "payload" JSONB,
    "subscriptionId" TEXT,
    "dispatchedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "responseBody" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WebhookSubscription_workspaceId_createdAt_idx" ON "WebhookSubscription"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_dispatchedAt_id_idx" ON "WebhookEvent"("dispatchedAt", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_subscriptionId_createdAt_idx" ON "WebhookDelivery"("subscriptionId", "createdAt");


-- The webhooks' event source: what the analytics already records durably (idempotently: an insert
-- the event table ignores fires nothing), plus a contact's changed details. Nothing is written
-- while the workspace has no enabled subscription.
CREATE TRIGGER "AnalyticsEvent_webhook_insert" AFTER INSERT ON "AnalyticsEvent"
WHEN new."type" IN ('started', 'message', 'handoff', 'assignment', 'resolved', 'csat', 'sla_warning', 'sla_breach')
  AND EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE "workspaceId" = new."workspaceId" AND "enabled" = 1)
BEGIN
  INSERT INTO "WebhookEvent" ("workspaceId", "source", "sourceId", "conversationId", "createdAt")
  VALUES (new."workspaceId", new."type", new."id", new."conversationId", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
CREATE TRIGGER "Contact_webhook_update" AFTER UPDATE ON "Contact"
WHEN (old."name" IS NOT new."name" OR old."email" IS NOT new."email" OR old."phone" IS NOT new."phone" OR old."attributes" IS NOT new."attributes")
  AND EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE "workspaceId" = new."workspaceId" AND "enabled" = 1)
BEGIN
  INSERT INTO "WebhookEvent" ("workspaceId", "source", "sourceId", "createdAt")
  VALUES (new."workspaceId", 'contact', new."id", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
