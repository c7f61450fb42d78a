-- CreateTable
CREATE TABLE "WebhookSubscription" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "secretIv" BYTEA NOT NULL,
    "secretTag" BYTEA NOT NULL,
    "secretData" BYTEA NOT NULL,
    "previousSecretIv" BYTEA,
    "previousSecretTag" BYTEA,
    "previousSecretData" BYTEA,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEvent" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,
    "conversationId" TEXT,
    "payload" JSONB,
    "subscriptionId" TEXT,
    "dispatchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "responseBody" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookSubscription_workspaceId_createdAt_idx" ON "WebhookSubscription"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookEvent_dispatchedAt_id_idx" ON "WebhookEvent"("dispatchedAt", "id");

-- CreateIndex
CREATE INDEX "WebhookDelivery_subscriptionId_createdAt_idx" ON "WebhookDelivery"("subscriptionId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookSubscription" ADD CONSTRAINT "WebhookSubscription_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "WebhookSubscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The webhooks' event source: what the analytics already records durably (idempotently: an insert
-- the event table ignores fires nothing), plus a contact's changed details. Nothing is written
-- while the workspace has no enabled subscription.
CREATE FUNCTION "webhook_event_source"() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE "workspaceId" = NEW."workspaceId" AND "enabled") THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'AnalyticsEvent' THEN
    INSERT INTO "WebhookEvent" ("workspaceId", "source", "sourceId", "conversationId", "createdAt")
    VALUES (NEW."workspaceId", NEW."type", NEW."id", NEW."conversationId", now() AT TIME ZONE 'UTC');
  ELSE
    INSERT INTO "WebhookEvent" ("workspaceId", "source", "sourceId", "createdAt")
    VALUES (NEW."workspaceId", 'contact', NEW."id", now() AT TIME ZONE 'UTC');
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AnalyticsEvent_webhook_insert" AFTER INSERT ON "AnalyticsEvent"
FOR EACH ROW WHEN (NEW."type" IN ('started', 'message', 'handoff', 'assignment', 'resolved', 'csat', 'sla_warning', 'sla_breach'))
EXECUTE FUNCTION "webhook_event_source"();
CREATE TRIGGER "Contact_webhook_update" AFTER UPDATE ON "Contact"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email"
  OR OLD."phone" IS DISTINCT FROM NEW."phone" OR OLD."attributes"::text IS DISTINCT FROM NEW."attributes"::text)
EXECUTE FUNCTION "webhook_event_source"();
