-- A simulator's test conversation, kept out of the inbox and its counts.
ALTER TABLE "Conversation" ADD COLUMN "test" BOOLEAN NOT NULL DEFAULT false;

-- Test conversations only: what each step saw and did (variables after it, activity input/output).
ALTER TABLE "NodeRun" ADD COLUMN "detail" JSONB;
