-- Contacts as one identity across channels: a contact's emails, phone numbers (E.164), widget
-- visitor ids and external ids, each unique per workspace.
CREATE TABLE "ContactIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContactIdentity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContactIdentity_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ContactIdentity_workspaceId_value_idx" ON "ContactIdentity"("workspaceId", "value");
CREATE INDEX "ContactIdentity_contactId_idx" ON "ContactIdentity"("contactId");
CREATE UNIQUE INDEX "ContactIdentity_workspaceId_kind_value_key" ON "ContactIdentity"("workspaceId", "kind", "value");

-- ADD COLUMN, not a table rebuild: a rebuild would drop Contact's search and webhook triggers.
ALTER TABLE "Contact" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "Contact_workspaceId_createdAt_id_idx" ON "Contact"("workspaceId", "createdAt", "id");
CREATE INDEX "Conversation_contactId_createdAt_idx" ON "Conversation"("contactId", "createdAt");

-- Until now every conversation made its own contact: each email address becomes the identity of
-- its oldest contact, which later conversations with that address join (the others can be merged
-- into it by hand).
INSERT INTO "ContactIdentity" ("id", "workspaceId", "contactId", "kind", "value", "createdAt")
SELECT lower(hex(randomblob(12))), "workspaceId", (
    SELECT c2."id" FROM "Contact" c2 WHERE c2."workspaceId" = c."workspaceId" AND lower(trim(c2."email")) = lower(trim(c."email"))
    ORDER BY c2."createdAt", c2."id" LIMIT 1
  ), 'email', lower(trim(c."email")), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM "Contact" c WHERE c."email" IS NOT NULL AND trim(c."email") <> ''
GROUP BY c."workspaceId", lower(trim(c."email"));

-- A linked identity or a merge changes the contact too: the webhook trigger also watches revision.
DROP TRIGGER "Contact_webhook_update";
CREATE TRIGGER "Contact_webhook_update" AFTER UPDATE ON "Contact"
WHEN (old."name" IS NOT new."name" OR old."email" IS NOT new."email" OR old."phone" IS NOT new."phone" OR old."attributes" IS NOT new."attributes"
    OR old."revision" IS NOT new."revision")
  AND EXISTS (SELECT 1 FROM "WebhookSubscription" WHERE "workspaceId" = new."workspaceId" AND "enabled" = 1)
BEGIN
  INSERT INTO "WebhookEvent" ("workspaceId", "source", "sourceId", "createdAt")
  VALUES (new."workspaceId", 'contact', new."id", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'));
END;
