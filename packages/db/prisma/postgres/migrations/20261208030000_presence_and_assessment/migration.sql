-- Presence history for the Team performance dashboard (presence time, occupancy): a row per change
-- of a member's presence, written by a trigger so every writer (the switch, sign-out, auto-away)
-- records it. `at` is when the new presence began (presenceAt), else now.
CREATE TABLE "PresenceChange" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "presence" "Presence" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PresenceChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PresenceChange_workspaceId_at_idx" ON "PresenceChange"("workspaceId", "at");
CREATE INDEX "PresenceChange_workspaceId_userId_at_idx" ON "PresenceChange"("workspaceId", "userId", "at");

ALTER TABLE "PresenceChange" ADD CONSTRAINT "PresenceChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "presence_history"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "PresenceChange" ("workspaceId", "userId", "presence", "at")
  VALUES (NEW."workspaceId", NEW."userId", NEW."presence", COALESCE(NEW."presenceAt", now() AT TIME ZONE 'UTC'));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Member_presence_history" AFTER UPDATE OF "presence" ON "Member"
FOR EACH ROW WHEN (OLD."presence" IS DISTINCT FROM NEW."presence") EXECUTE FUNCTION "presence_history"();

-- With an OpenAI key: a model's written rubric assessment of a finished conversation ({ text, by }).
ALTER TABLE "Conversation" ADD COLUMN "qualityAssessment" JSONB;
