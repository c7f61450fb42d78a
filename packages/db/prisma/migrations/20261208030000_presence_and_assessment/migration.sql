-- Presence history for the Team performance dashboard (presence time, occupancy): a row per change
-- of a member's presence, written by a trigger so every writer (the switch, sign-out, auto-away)
-- records it. `at` is when the new presence began (presenceAt), else now.
CREATE TABLE "PresenceChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "presence" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "PresenceChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "PresenceChange_workspaceId_at_idx" ON "PresenceChange"("workspaceId", "at");
CREATE INDEX "PresenceChange_workspaceId_userId_at_idx" ON "PresenceChange"("workspaceId", "userId", "at");

CREATE TRIGGER "Member_presence_history" AFTER UPDATE OF "presence" ON "Member" WHEN old."presence" IS NOT new."presence" BEGIN
  INSERT INTO "PresenceChange" ("workspaceId", "userId", "presence", "at")
  VALUES (new."workspaceId", new."userId", new."presence", COALESCE(new."presenceAt", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')));
END;

-- With an OpenAI key: a model's written rubric assessment of a finished conversation ({ text, by }).
ALTER TABLE "Conversation" ADD COLUMN "qualityAssessment" JSONB;
