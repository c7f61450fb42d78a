-- An email channel's IMAP mailbox: sealed password, UIDVALIDITY + last UID taken, poll lease and status.
-- CreateTable
CREATE TABLE "ImapMailbox" (
    "channelId" TEXT NOT NULL PRIMARY KEY,
    "passwordIv" BLOB,
    "passwordTag" BLOB,
    "passwordData" BLOB,
    "uidValidity" BIGINT,
    "lastUid" BIGINT NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "nextPollAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "lastPolledAt" DATETIME,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ImapMailbox_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "WorkspaceChannel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImapMailbox_nextPollAt_idx" ON "ImapMailbox"("nextPollAt");

