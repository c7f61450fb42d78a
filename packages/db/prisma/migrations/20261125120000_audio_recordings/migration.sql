-- CreateTable
CREATE TABLE "AudioRecording" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "sampleRate" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "iv" BLOB NOT NULL,
    "tag" BLOB NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AudioRecording_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AudioRecording_conversationId_idx" ON "AudioRecording"("conversationId");
