-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SavedView_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SavedView_workspaceId_userId_idx" ON "SavedView"("workspaceId", "userId");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_updatedAt_id_idx" ON "Conversation"("workspaceId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_assigneeId_updatedAt_id_idx" ON "Conversation"("workspaceId", "assigneeId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_team_updatedAt_id_idx" ON "Conversation"("workspaceId", "team", "updatedAt", "id");


-- Full-text search of the inbox (Prisma's schema cannot express it): FTS5 indexes over message
-- text and contact name/email, external-content tables (the text is stored once, in Message and
-- Contact) kept in step by triggers, keyed by rowid. unicode61 folds case and diacritics. A VACUUM
-- may renumber rowids: after one, rebuild with INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild')
-- (and the same for ContactSearch).
CREATE VIRTUAL TABLE "MessageSearch" USING fts5("text", content='Message', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO "MessageSearch"("rowid", "text") SELECT "rowid", "text" FROM "Message";
CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" BEGIN
  INSERT INTO "MessageSearch"("rowid", "text") VALUES (new."rowid", new."text");
END;
CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "text") VALUES ('delete', old."rowid", old."text");
END;
-- A retried turn rewrites its messages with the same text: only a real change touches the index.
CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "text" ON "Message" WHEN old."text" IS NOT new."text" BEGIN
  INSERT INTO "MessageSearch"("MessageSearch", "rowid", "text") VALUES ('delete', old."rowid", old."text");
  INSERT INTO "MessageSearch"("rowid", "text") VALUES (new."rowid", new."text");
END;

CREATE VIRTUAL TABLE "ContactSearch" USING fts5("name", "email", content='Contact', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO "ContactSearch"("rowid", "name", "email") SELECT "rowid", "name", "email" FROM "Contact";
CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact" BEGIN
  INSERT INTO "ContactSearch"("rowid", "name", "email") VALUES (new."rowid", new."name", new."email");
END;
CREATE TRIGGER "Contact_search_delete" AFTER DELETE ON "Contact" BEGIN
  INSERT INTO "ContactSearch"("ContactSearch", "rowid", "name", "email") VALUES ('delete', old."rowid", old."name", old."email");
END;
CREATE TRIGGER "Contact_search_update" AFTER UPDATE OF "name", "email" ON "Contact" BEGIN
  INSERT INTO "ContactSearch"("ContactSearch", "rowid", "name", "email") VALUES ('delete', old."rowid", old."name", old."email");
  INSERT INTO "ContactSearch"("rowid", "name", "email") VALUES (new."rowid", new."name", new."email");
END;
