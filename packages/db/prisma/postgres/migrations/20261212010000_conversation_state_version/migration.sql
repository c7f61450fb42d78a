-- The order of a conversation's turn records (packages/activities turn-sql.ts): the API stores a
-- turn the workflow handed it, and the workflow stores it again later; the state is written
-- only by a record not older than the stored one.
ALTER TABLE "Conversation" ADD COLUMN "stateVersion" DOUBLE PRECISION NOT NULL DEFAULT 0;
